import { onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { api, type NotificationType, type UnreadCounts } from '@/api'
import { useAuthStore } from '@/modules/auth/store'
import { realtime } from '@/shared/realtime'

const EMPTY: UnreadCounts = { reply: 0, like: 0, at: 0, follow: 0, system: 0, total: 0 }
const POLL_MS = 60_000

/** Unread notifications for the header badge: read when signing in, then kept current by the WebSocket. */
export const useMessageStore = defineStore('message', () => {
  const auth = useAuthStore()
  const unread = ref<UnreadCounts>({ ...EMPTY })
  let timer: ReturnType<typeof setInterval> | null = null

  async function refresh() {
    if (!auth.signedIn) {
      unread.value = { ...EMPTY }
      return
    }
    try {
      unread.value = { ...EMPTY, ...(await api.notifications.unread()) }
    } catch {
      // The badge keeps its last value; the next poll tries again.
    }
  }

  // A pushed notification counts at once; the poll corrects any drift (e.g. read in another tab).
  function count(type: unknown) {
    const counts = { ...unread.value, total: unread.value.total + 1 }
    if (typeof type === 'string' && type in EMPTY && type !== 'total') counts[type as NotificationType] += 1
    unread.value = counts
  }

  let stopListening: (() => void) | null = null
  watch(
    () => auth.uid,
    (uid) => {
      if (timer) clearInterval(timer)
      stopListening?.()
      timer = uid ? setInterval(() => void refresh(), POLL_MS) : null
      stopListening = uid ? realtime.on('notification', (frame) => count(frame.type)) : null
      // The socket tells the server who listens, so it reconnects as the new user.
      realtime.restart()
      void refresh()
    },
    { immediate: true },
  )

  onScopeDispose(() => {
    stopListening?.()
    if (timer) clearInterval(timer)
  })

  return { unread, refresh }
})
