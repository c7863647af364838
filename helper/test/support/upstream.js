// A real HTTP server standing in for what the helper reads from outside in its own tests: the registry's REST
// API (it records registrations, renewals and cancellations, and wants the internal client's credentials) and the
// public API of the video and user services, answering from the catalogue a test sets up, in the services'
// documented shapes (docs/api.md), with only published videos visible, as to a signed-out visitor.
import { createServer } from 'node:http'

export const CLIENT_ID = 'openbili-internal'
export const CLIENT_SECRET = 'test-secret'

export async function startUpstream() {
  const state = {
    videos: [],
    users: new Map(),
    events: [],
    leases: new Map(),
    up: true,
    forgetLeases: false,
  }
  const server = createServer((req, res) => handle(state, req, res))
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  const base = `http://127.0.0.1:${port}`
  return {
    state,
    base,
    eurekaUrl: `${base}/eureka/`,
    /** Adds a video (published unless said otherwise) and its uploader; returns the video's document. */
    addVideo(fields = {}) {
      const n = state.videos.length + 1
      const uploader = fields.uploader ?? { uid: '1000', nickname: 'UP主', avatarUrl: null }
      const video = {
        bvid: fields.bvid ?? bvidOf(n),
        title: `测试视频 ${n}`,
        description: '一段测试视频的简介',
        partition: 'anime',
        tags: ['测试'],
        state: 'PUBLISHED',
        durationMs: 65_000,
        coverUrl: `/media/videos/${n}/1/cover.jpg`,
        playUrl: `/media/videos/${n}/1/master.m3u8`,
        uploader,
        stats: { views: 12, likes: 3, coins: 1, favorites: 1, shares: 0, danmaku: 4, comments: 2 },
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
        publishedAt: new Date(Date.UTC(2026, 0, 1, 0, 1, n)).toISOString(),
        ...fields,
      }
      if (video.state !== 'PUBLISHED') delete video.publishedAt
      state.videos.push(video)
      if (!state.users.has(uploader.uid)) this.addUser({ uid: uploader.uid, nickname: uploader.nickname })
      return video
    },
    addUser(fields) {
      const user = { avatarUrl: null, sign: '', followers: 5, following: 2, likesReceived: 9, videos: 1, ...fields }
      state.users.set(user.uid, user)
      return user
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }

  function handle(state, req, res) {
    const url = new URL(req.url, base)
    const json = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(body === undefined ? '' : JSON.stringify(body))
    }
    if (url.pathname.startsWith('/eureka/')) {
      const expected = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`
      if (req.headers.authorization !== expected) return json(401, { error: 'Unauthorized' })
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        state.events.push({ method: req.method, path: url.pathname, body: body ? JSON.parse(body) : undefined })
        const [, , , app, id] = url.pathname.split('/')
        if (req.method === 'POST') {
          state.leases.set(decodeURIComponent(`${app}/${JSON.parse(body).instance.instanceId}`), JSON.parse(body).instance)
          return json(204)
        }
        if (req.method === 'PUT') return json(state.forgetLeases || !state.leases.has(`${app}/${decodeURIComponent(id)}`) ? 404 : 200)
        if (req.method === 'DELETE') {
          state.leases.delete(`${app}/${decodeURIComponent(id)}`)
          return json(200)
        }
        if (app === 'VIDEO' || app === 'USER') {
          const instance = { hostName: '127.0.0.1', port: { $: port, '@enabled': 'true' }, status: state.up ? 'UP' : 'DOWN' }
          return json(200, { application: { name: app, instance: [instance] } })
        }
        return json(404)
      })
      return
    }
    const published = state.videos.filter((v) => v.state === 'PUBLISHED')
    let match
    if (url.pathname === '/api/v1/videos') {
      const size = Number(url.searchParams.get('size') ?? 20)
      const newest = [...published].reverse()
      const start = Number(url.searchParams.get('cursor') ?? 0)
      const items = newest.slice(start, start + size)
      return json(200, { items, nextCursor: start + size < newest.length ? String(start + size) : null })
    }
    if ((match = /^\/api\/v1\/videos\/([^/]+)$/.exec(url.pathname))) {
      const video = published.find((v) => v.bvid === match[1])
      return video ? json(200, video) : json(404, { code: 'VIDEO_NOT_FOUND', status: 404 })
    }
    if ((match = /^\/api\/v1\/users\/(\d+)$/.exec(url.pathname))) {
      const user = state.users.get(match[1])
      return user ? json(200, user) : json(404, { code: 'USER_NOT_FOUND', status: 404 })
    }
    return json(404, { code: 'NOT_FOUND' })
  }
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** A well-formed bvid for the n-th test video. */
export function bvidOf(n) {
  let digits = ''
  let value = n
  for (let i = 0; i < 11; i++) {
    digits = BASE58[value % 58] + digits
    value = Math.floor(value / 58)
  }
  return `BV1${digits}`
}
