import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RealtimeConnection, type Frame } from './connection'

/** A WebSocket double: the test opens, feeds and drops it as a server would. */
class FakeSocket {
  static OPEN = 1
  readyState = 0
  sent: Frame[] = []
  onopen: (() => void) | null = null
  onmessage: ((event: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  receive(frame: Frame) {
    this.onmessage?.({ data: JSON.stringify(frame) })
  }
  close() {
    this.readyState = 3
    this.onclose?.()
  }
}

describe('RealtimeConnection', () => {
  let sockets: FakeSocket[]
  let connection: RealtimeConnection
  let token = 'first'

  beforeEach(() => {
    vi.useFakeTimers()
    vi.stubGlobal('WebSocket', FakeSocket)
    sockets = []
    connection = new RealtimeConnection({
      url: async () => `ws://test/api/v1/ws?access_token=${token}`,
      createSocket: (url) => {
        const socket = new FakeSocket(url)
        sockets.push(socket)
        return socket as unknown as WebSocket
      },
      backoffMs: [100],
    })
  })

  afterEach(() => {
    connection.close()
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('subscribes to a room once open and hands its frames to the listener', async () => {
    const received: Frame[] = []
    connection.subscribe('video:BV1abc', (frame) => received.push(frame))
    await vi.runAllTimersAsync()
    sockets[0]!.open()

    sockets[0]!.receive({ op: 'danmaku', room: 'video:BV1abc', id: '1', content: '前方高能' })
    sockets[0]!.receive({ op: 'danmaku', room: 'video:BVother', id: '2', content: '别的视频' })

    expect(sockets[0]!.sent).toContainEqual({ op: 'subscribe', room: 'video:BV1abc' })
    expect(received.map((f) => f.content)).toEqual(['前方高能'])
  })

  it('comes back after the connection drops, with a fresh token and its rooms subscribed again', async () => {
    connection.subscribe('video:BV1abc', () => {})
    await vi.runAllTimersAsync()
    sockets[0]!.open()
    token = 'second'

    sockets[0]!.close()
    await vi.advanceTimersByTimeAsync(150)
    sockets[1]!.open()

    expect(sockets).toHaveLength(2)
    expect(sockets[1]!.url).toContain('access_token=second')
    expect(sockets[1]!.sent).toContainEqual({ op: 'subscribe', room: 'video:BV1abc' })
  })

  it('leaves a room when its last listener goes, and not before', async () => {
    const stopA = connection.subscribe('video:BV1abc', () => {})
    const stopB = connection.subscribe('video:BV1abc', () => {})
    await vi.runAllTimersAsync()
    sockets[0]!.open()

    stopA()
    expect(sockets[0]!.sent).not.toContainEqual({ op: 'unsubscribe', room: 'video:BV1abc' })
    stopB()
    expect(sockets[0]!.sent).toContainEqual({ op: 'unsubscribe', room: 'video:BV1abc' })
  })

  it('hands a room both of the frames the server sends it, and nothing else', async () => {
    const received: Frame[] = []
    connection.subscribe('video:BV1abc', (frame) => received.push(frame))
    await vi.runAllTimersAsync()
    sockets[0]!.open()

    sockets[0]!.receive({ op: 'online', room: 'video:BV1abc', count: 3 })
    sockets[0]!.receive({ op: 'danmaku', room: 'video:BV1abc', id: '1', content: '前方高能' })
    sockets[0]!.receive({ op: 'pong' })
    sockets[0]!.receive({ op: 'error', code: 'TOO_MANY_ROOMS', message: '一个连接最多同时在 10 个房间' })

    expect(received.map((f) => f.op)).toEqual(['online', 'danmaku'])
  })
})
