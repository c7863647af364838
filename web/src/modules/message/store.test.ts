import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { tokens } from '@/api'
import type { Frame } from '@/shared/realtime'
import { useMessageStore } from './store'

const rooms = new Map<string, (frame: Frame) => void>()
vi.mock('@/shared/realtime', () => ({
  realtime: {
    subscribe: (room: string, handler: (frame: Frame) => void) => {
      rooms.set(room, handler)
      return () => rooms.delete(room)
    },
    restart: () => {},
  },
}))

function token(uid: string) {
  const payload = btoa(JSON.stringify({ sub: uid, exp: Math.floor(Date.now() / 1000) + 900 }))
  return `h.${payload.replace(/=+$/, '')}.s`
}

const counts = (reply: number) => ({ reply, at: 0, like: 0, follow: 0, system: 0, message: 0, total: reply })

describe('message store', () => {
  beforeEach(() => {
    localStorage.clear()
    rooms.clear()
    setActivePinia(createPinia())
  })

  it('joins the user room, counts on joining, then follows the pushed frames without polling', async () => {
    vi.useFakeTimers()
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify(counts(2)), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    )
    vi.stubGlobal('fetch', fetch)
    tokens.write({ accessToken: token('7'), refreshToken: 'r' })
    const messages = useMessageStore()
    await vi.waitFor(() => expect(messages.unread.reply).toBe(2))
    const room = rooms.get('user:7')
    expect(room).toBeDefined()
    const asked = fetch.mock.calls.length

    const heard: string[] = []
    messages.listen((frame) => heard.push(frame.op))
    room!({ op: 'notification', room: 'user:7', notification: { id: '1', type: 'reply' }, unread: counts(3) })
    expect(messages.unread.reply).toBe(3)
    expect(messages.unread.total).toBe(3)
    room!({ op: 'read', room: 'user:7', by: '8', upTo: '5' })
    room!({ op: 'danmaku', room: 'user:7' })
    expect(heard).toEqual(['notification', 'read'])

    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(fetch.mock.calls.length).toBe(asked)

    // The socket came back and joined again: whatever was missed is counted afresh.
    room!({ op: 'online', room: 'user:7', count: 1 })
    await vi.waitFor(() => expect(fetch.mock.calls.length).toBe(asked + 1))
    vi.useRealTimers()
  })
})
