/**
 * A frame of the one WebSocket (`/api/v1/ws`, docs/api.md): `op` says what it is; the frames of a room
 * (`danmaku`, `online`) name their `room`.
 */
export interface Frame {
  op: string
  room?: string
  [field: string]: unknown
}

type Handler = (frame: Frame) => void

export interface ConnectionOptions {
  /** The address to connect to, asked again at every (re)connect so a fresh token is used. */
  url: () => Promise<string>
  createSocket?: (url: string) => WebSocket
  /** Delays before reconnect attempts; the last one repeats. */
  backoffMs?: number[]
  /** Keeps idle connections from being cut by proxies. */
  pingEveryMs?: number
}

/**
 * One WebSocket per tab, shared by every component: rooms are subscribed while someone listens to them,
 * and subscribed again after the connection drops and comes back.
 */
export class RealtimeConnection {
  private socket: WebSocket | null = null
  private readonly rooms = new Map<string, Set<Handler>>()
  private attempt = 0
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null
  private pingTimer: ReturnType<typeof setInterval> | null = null
  private closed = true

  constructor(private readonly options: ConnectionOptions) {}

  /** Listens to a room (e.g. `video:BV1xx`) until the returned function is called. */
  subscribe(room: string, handler: Handler): () => void {
    let handlers = this.rooms.get(room)
    if (!handlers) {
      handlers = new Set()
      this.rooms.set(room, handlers)
      this.send({ op: 'subscribe', room })
    }
    handlers.add(handler)
    this.ensureOpen()
    return () => {
      handlers.delete(handler)
      if (handlers.size === 0 && this.rooms.get(room) === handlers) {
        this.rooms.delete(room)
        this.send({ op: 'unsubscribe', room })
      }
    }
  }

  /** Connects again, e.g. after signing in or out, so the server knows who listens. */
  restart() {
    if (this.closed) return
    this.socket?.close()
  }

  close() {
    this.closed = true
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    if (this.pingTimer) clearInterval(this.pingTimer)
    this.socket?.close()
    this.socket = null
  }

  private ensureOpen() {
    if (!this.closed) return
    this.closed = false
    void this.connect()
  }

  private async connect() {
    const url = await this.options.url()
    if (this.closed) return
    const socket = (this.options.createSocket ?? ((u) => new WebSocket(u)))(url)
    this.socket = socket
    socket.onopen = () => {
      this.attempt = 0
      for (const room of this.rooms.keys()) this.send({ op: 'subscribe', room })
      if (this.pingTimer) clearInterval(this.pingTimer)
      this.pingTimer = setInterval(() => this.send({ op: 'ping' }), this.options.pingEveryMs ?? 30_000)
    }
    socket.onmessage = (event: MessageEvent) => this.dispatch(event.data)
    socket.onclose = () => {
      if (this.socket !== socket) return
      this.socket = null
      if (this.pingTimer) clearInterval(this.pingTimer)
      if (this.closed) return
      const backoff = this.options.backoffMs ?? [500, 1000, 2000, 5000, 10_000]
      const delay = backoff[Math.min(this.attempt++, backoff.length - 1)] ?? 10_000
      this.reconnectTimer = setTimeout(() => void this.connect(), delay)
    }
  }

  private dispatch(data: unknown) {
    let frame: Frame
    try {
      frame = JSON.parse(String(data)) as Frame
    } catch {
      return
    }
    // The server's other frames (pong, and errors, which name no room) have no listener here.
    if (frame.room) this.rooms.get(frame.room)?.forEach((handler) => handler(frame))
  }

  private send(frame: Frame) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame))
  }
}
