import type { Danmaku, DanmakuMode } from '@/api'
import type { Frame } from '@/shared/realtime'

const MODES: readonly DanmakuMode[] = ['scroll', 'top', 'bottom']

/**
 * The danmaku of a `danmaku` frame pushed to a video's room. The message service merges what reaches a room within
 * one tick into one frame, `{op, room, items: [{id, uid, progressMs, mode, color, size, content, sentAt}, …]}`
 * (RoomBatches), oldest first. An item without text or id is skipped; a mode, colour or size it does not know falls
 * back to the default.
 */
export function danmakuOfFrame(frame: Frame): Danmaku[] {
  if (!Array.isArray(frame.items)) return []
  return frame.items.flatMap((item: unknown) => {
    const danmaku = danmakuOfItem(item)
    return danmaku ? [danmaku] : []
  })
}

function danmakuOfItem(item: unknown): Danmaku | null {
  if (typeof item !== 'object' || item === null) return null
  const d = item as Record<string, unknown>
  if (typeof d.content !== 'string' || typeof d.id !== 'string') return null
  return {
    id: d.id,
    uid: typeof d.uid === 'string' ? d.uid : '',
    progressMs: Number(d.progressMs) || 0,
    mode: MODES.includes(d.mode as DanmakuMode) ? (d.mode as DanmakuMode) : 'scroll',
    color: typeof d.color === 'string' && /^#[0-9a-f]{6}$/i.test(d.color) ? d.color : '#ffffff',
    size: Number(d.size) || 25,
    content: d.content,
  }
}
