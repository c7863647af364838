import { onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { api, type NotificationEntry, type PrivateMessage, type UnreadCounts, type UserCard } from '@/api'
import { useAuthStore } from '@/modules/auth/store'
import { realtime, type Frame } from '@/shared/realtime'

export const EMPTY_UNREAD: UnreadCounts = { reply: 0, at: 0, like: 0, follow: 0, system: 0, message: 0, total: 0 }

/** What the server pushes into a user's room (docs/api.md, "Real time"). */
export type UserFrame =
  | { op: 'notification'; notification: NotificationEntry; unread: UnreadCounts }
  | { op: 'message'; message: PrivateMessage; peer: UserCard; unread: UnreadCounts }
  | { op: 'read'; by: string; upTo: string }
  | { op: 'unread'; unread: UnreadCounts }

type Listener = (frame: UserFrame) => void

/**
 * The signed-in user's room on the WebSocket (`user:<uid>`) and the unread counts of the header's bell. The counts
 * are read once when the room is joined (after every reconnect too: the server answers a join with `online`) and
 * then follow the frames the server pushes with each notification, message and read; nothing is polled. Views
 * of the message centre listen for the frames themselves with `listen`.
 */
export const useMessageStore = defineStore('message', () => {
  const auth = useAuthStore()
  const unread = ref<UnreadCounts>({ ...EMPTY_UNREAD })
  const listeners = new Set<Listener>()
  let leave: (() => void) | null = null

  async function refresh() {
    if (!auth.signedIn) {
      unread.value = { ...EMPTY_UNREAD }
      return
    }
    try {
      unread.value = { ...EMPTY_UNREAD, ...(await api.notifications.unread()) }
    } catch {
      // The badge keeps its last value; the next join or frame brings fresh counts.
    }
  }

  function take(frame: Frame) {
    if (frame.op === 'online') {
      // Joined (again): whatever happened while the socket was away is counted afresh.
      void refresh()
      return
    }
    if (frame.op !== 'notification' && frame.op !== 'message' && frame.op !== 'read' && frame.op !== 'unread') {
      return
    }
    const pushed = frame as unknown as UserFrame
    if ('unread' in pushed && pushed.unread) unread.value = { ...EMPTY_UNREAD, ...pushed.unread }
    listeners.forEach((listener) => listener(pushed))
  }

  /** Frames of the user's room until the returned function is called. */
  function listen(listener: Listener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  /** Counts a view already has (the answer of marking something read). */
  function accept(counts: UnreadCounts) {
    unread.value = { ...EMPTY_UNREAD, ...counts }
  }

  watch(
    () => auth.uid,
    (uid) => {
      leave?.()
      leave = uid ? realtime.subscribe(`user:${uid}`, take) : null
      // An open socket signed in with the previous user's token (or none): connect again as the new one.
      realtime.restart()
      void refresh()
    },
    { immediate: true },
  )

  onScopeDispose(() => leave?.())

  return { unread, refresh, listen, accept }
})
