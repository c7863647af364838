import { onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { api, type UnreadCounts } from '@/api'
import { useAuthStore } from '@/modules/auth/store'
import { realtime } from '@/shared/realtime'

const EMPTY: UnreadCounts = { reply: 0, like: 0, at: 0, follow: 0, system: 0, total: 0 }
const POLL_MS = 60_000

/**
 * Unread notifications for the header badge, from `GET /api/v1/notifications/unread`: read when someone signs
 * in, every minute, and when the menu opens. The server pushes no notification frames yet (docs/roadmap.md).
 */
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

  watch(
    () => auth.uid,
    (uid) => {
      if (timer) clearInterval(timer)
      timer = uid ? setInterval(() => void refresh(), POLL_MS) : null
      // An open socket signed in with the previous user's token (or none): connect again as the new one.
      realtime.restart()
      void refresh()
    },
    { immediate: true },
  )

  onScopeDispose(() => {
    if (timer) clearInterval(timer)
  })

  return { unread, refresh }
})
