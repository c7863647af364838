import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { tokens } from '@/api'
import { useVideoStore } from './store'

const video = {
  bvid: 'BV1xx411c7mD',
  title: '测试视频',
  description: '',
  partition: 'anime',
  tags: [],
  state: 'PUBLISHED',
  durationMs: 20_000,
  coverUrl: null,
  playUrl: '/media/v/master.m3u8',
  uploader: { uid: '1', nickname: 'UP', avatarUrl: '' },
  stats: { views: 3, likes: 0, coins: 0, favorites: 0, shares: 0, danmaku: 0, comments: 0 },
  publishedAt: '2026-11-26T00:00:00Z',
}

/** A backend keeping real like state, as the interaction service does. */
function backend() {
  let likes = 4
  let liked = false
  return vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET'
    const reply = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
    if (url.endsWith('/videos/stats?bvid=BV1xx411c7mD')) return reply([{ ...video.stats, bvid: video.bvid, likes }])
    if (url.endsWith('/relation')) return reply({ liked, coins: 0, favorited: false, folderIds: [] })
    if (url.endsWith('/like') && method === 'PUT') {
      if (!liked) likes++
      liked = true
      return reply({ liked, likes })
    }
    if (url.endsWith('/like') && method === 'DELETE') {
      if (liked) likes--
      liked = false
      return reply({ liked, likes })
    }
    if (url.endsWith('/coins')) return reply({ coins: 2, balance: 8 })
    if (url.endsWith('/videos/BV1xx411c7mD')) return reply(video)
    if (url.endsWith('/videos/BVnope')) return reply({ code: 'VIDEO_NOT_FOUND', status: 404 }, 404)
    return reply({}, 500)
  })
}

describe('video store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    const payload = btoa(JSON.stringify({ sub: '9', exp: Math.floor(Date.now() / 1000) + 900 }))
    tokens.write({ accessToken: `h.${payload}.s`, refreshToken: 'r' })
  })

  it('shows the live counters of the interaction service, not the lagging copy of the video', async () => {
    vi.stubGlobal('fetch', backend())
    const store = useVideoStore()
    await store.open('BV1xx411c7mD')
    expect(store.video?.title).toBe('测试视频')
    expect(store.stats?.likes).toBe(4)
  })

  it('likes and unlikes, with the count the server reports', async () => {
    vi.stubGlobal('fetch', backend())
    const store = useVideoStore()
    await store.open('BV1xx411c7mD')

    await store.toggleLike()
    expect(store.relation.liked).toBe(true)
    expect(store.stats?.likes).toBe(5)

    await store.toggleLike()
    expect(store.relation.liked).toBe(false)
    expect(store.stats?.likes).toBe(4)
  })

  it('counts only the coins that were actually added', async () => {
    vi.stubGlobal('fetch', backend())
    const store = useVideoStore()
    await store.open('BV1xx411c7mD')
    await store.coin(2)
    expect(store.relation.coins).toBe(2)
    expect(store.stats?.coins).toBe(2)
  })

  it('reads the video once when the route and the page both ask for it, and afresh on the next visit', async () => {
    const fetch = backend()
    vi.stubGlobal('fetch', fetch)
    const store = useVideoStore()
    const videoReads = () => fetch.mock.calls.filter(([url]) => String(url).endsWith('/videos/BV1xx411c7mD')).length

    await Promise.all([store.open('BV1xx411c7mD'), store.open('BV1xx411c7mD')])
    expect(videoReads()).toBe(1)

    store.close()
    await store.open('BV1xx411c7mD')
    expect(videoReads()).toBe(2)
  })

  it('says so when the video does not exist', async () => {
    vi.stubGlobal('fetch', backend())
    const store = useVideoStore()
    await store.open('BVnope')
    expect(store.notFound).toBe(true)
    expect(store.video).toBeNull()
  })
})
