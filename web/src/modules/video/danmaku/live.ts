import type { Danmaku, DanmakuMode } from '@/api'
import type { Frame } from '@/shared/realtime'

const MODES: readonly DanmakuMode[] = ['scroll', 'top', 'bottom']

/**
 * The danmaku of a `danmaku` frame pushed to a video's room. The message service sends the danmaku's fields at
 * the top of the frame: `{op, room, id, uid, progressMs, mode, color, size, content, sentAt}` (DanmakuRelay).
 * Null for a frame without text or id; a mode, colour or size it does not know falls back to the default.
 */
export function danmakuOfFrame(frame: Frame): Danmaku | null {
  if (typeof frame.content !== 'string' || typeof frame.id !== 'string') return null
  return {
    id: frame.id,
    uid: typeof frame.uid === 'string' ? frame.uid : '',
    progressMs: Number(frame.progressMs) || 0,
    mode: MODES.includes(frame.mode as DanmakuMode) ? (frame.mode as DanmakuMode) : 'scroll',
    color: typeof frame.color === 'string' && /^#[0-9a-f]{6}$/i.test(frame.color) ? frame.color : '#ffffff',
    size: Number(frame.size) || 25,
    content: frame.content,
  }
}
