import { socketUrl } from '../config'

/** The danmaku items of a `danmaku` frame for `room` (the message service batches a room's items per tick). */
export function danmakuOfFrame(frame, room) {
  if (frame?.op !== 'danmaku' || frame.room !== room || !Array.isArray(frame.items)) return []
  return frame.items
    .filter((d) => d && typeof d.id === 'string' && typeof d.content === 'string')
    .map((d) => ({
      id: d.id,
      uid: String(d.uid ?? ''),
      progressMs: Number(d.progressMs) || 0,
      mode: d.mode ?? 'scroll',
      color: /^#[0-9a-f]{6}$/i.test(d.color ?? '') ? d.color : '#ffffff',
      content: d.content,
    }))
}

/**
 * Joins a video's room on the platform's WebSocket with uni.connectSocket and calls `onDanmaku(list)` for what
 * other viewers send. Returns a function that leaves.
 */
export function joinVideoRoom(bvid, accessToken, onDanmaku) {
  const room = `video:${bvid}`
  const query = accessToken ? `?access_token=${encodeURIComponent(accessToken)}` : ''
  let closed = false
  const task = uni.connectSocket({ url: socketUrl(`/api/v1/ws${query}`), complete: () => {} })
  task.onOpen(() => task.send({ data: JSON.stringify({ op: 'subscribe', room }) }))
  task.onMessage(({ data }) => {
    try {
      const list = danmakuOfFrame(JSON.parse(data), room)
      if (list.length && !closed) onDanmaku(list)
    } catch {
      // Not JSON: nothing for us.
    }
  })
  return () => {
    closed = true
    task.close({})
  }
}
