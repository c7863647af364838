import { reactive } from 'vue'
import { api, type VideoState } from '@/api'

const FINAL: VideoState[] = ['REVIEW', 'PUBLISHED', 'REJECTED', 'FAILED']
const POLL_MS = 3000

/**
 * Follows a submitted video through transcoding: the server-sent events of `/videos/{bvid}/events`, and,
 * should that stream fail, the state and progress of `GET /videos/{bvid}` every few seconds.
 */
export function followProcessing(bvid: string) {
  const state = reactive({ state: 'UPLOADING' as VideoState, percent: 0, reason: null as string | null })
  let stopEvents: (() => void) | null = null
  let poll: ReturnType<typeof setInterval> | null = null
  let stopped = false

  function update(next: { state: VideoState; percent?: number; stateReason?: string | null }) {
    state.state = next.state
    state.percent = FINAL.includes(next.state) ? 100 : Math.max(state.percent, Math.round(next.percent ?? 0))
    state.reason = next.stateReason ?? null
    if (FINAL.includes(next.state)) stop()
  }

  async function check() {
    try {
      const video = await api.videos.get(bvid)
      update({ state: video.state, percent: video.progress, stateReason: video.stateReason })
    } catch {
      // Try again at the next tick.
    }
  }

  function startPolling() {
    stopEvents?.()
    stopEvents = null
    if (!poll && !stopped) poll = setInterval(() => void check(), POLL_MS)
  }

  function stop() {
    stopped = true
    stopEvents?.()
    if (poll) clearInterval(poll)
    poll = null
  }

  void check()
  api.videos
    .watchProcessing(bvid, update, startPolling)
    .then((close) => (stopped ? close() : (stopEvents = close)))
    .catch(startPolling)

  return { state, stop }
}
