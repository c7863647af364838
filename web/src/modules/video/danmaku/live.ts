import type { Danmaku, DanmakuMode } from '@/api'
import type { Frame } from '@/shared/realtime'

/**
 * The danmaku carried by a `{"op":"danmaku"}` frame of the video's room. The fields are those of
 * DanmakuPosted / DanmakuView (`danmakuId` or `id`), at the top of the frame or under `danmaku`.
 */
export function danmakuOfFrame(frame: Frame): Danmaku | null {
  const body = (typeof frame.danmaku === 'object' && frame.danmaku !== null ? frame.danmaku : frame) as Record<
    string,
    unknown
  >
  const id = body.id ?? body.danmakuId
  if (typeof body.content !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) return null
  const mode = (['scroll', 'top', 'bottom'] as const).includes(body.mode as DanmakuMode)
    ? (body.mode as DanmakuMode)
    : 'scroll'
  return {
    id: String(id),
    uid: String(body.uid ?? ''),
    progressMs: Number(body.progressMs) || 0,
    mode,
    color: typeof body.color === 'string' && /^#[0-9a-f]{6}$/i.test(body.color) ? body.color : '#ffffff',
    size: Number(body.size) || 25,
    content: body.content,
  }
}
