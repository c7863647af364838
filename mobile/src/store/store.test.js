import { describe, expect, it } from 'vitest'
import { createAppStore } from '.'
import { setup } from '../test/fakeServer'

const card = (bvid) => ({ bvid, title: `视频 ${bvid}`, uploader: { uid: '9', nickname: 'UP' }, stats: { views: 1 } })
const user = { uid: '7', nickname: '小明', avatarUrl: '' }
const signedIn = { accessToken: 'A1', refreshToken: 'R1', expiresIn: 600, user }

function storeWith(routes, options) {
  const server = setup(routes, options)
  return { ...server, store: createAppStore(server) }
}

describe('feed', () => {
  it('loads a home tab, appends the next page by cursor and stops at the last one', async () => {
    const { store, transport } = storeWith({
      'GET /api/v1/feed/recommend': (r) =>
        r.query.cursor === 'c2'
          ? { items: [card('BV3')], nextCursor: null }
          : { items: [card('BV1'), card('BV2')], nextCursor: 'c2' },
    })
    await store.dispatch('feed/refresh', 'home:recommend')
    await store.dispatch('feed/loadMore', 'home:recommend')
    await store.dispatch('feed/loadMore', 'home:recommend')
    const list = store.getters['feed/list']('home:recommend')
    expect(list.items.map((v) => v.bvid)).toEqual(['BV1', 'BV2', 'BV3'])
    expect(list.done).toBe(true)
    expect(transport.calls).toHaveLength(2)
    // pull-to-refresh starts over
    await store.dispatch('feed/refresh', 'home:recommend')
    expect(store.getters['feed/list']('home:recommend').items.map((v) => v.bvid)).toEqual(['BV1', 'BV2'])
  })

  it('takes each tab from its own source: hot, a partition, a channel, a partition sorted by new', async () => {
    const { store, transport } = storeWith({
      'GET /api/v1/feed/hot': () => ({ items: [], nextCursor: null }),
      'GET /api/v1/feed/partition/live': () => ({ items: [], nextCursor: null, live: false }),
      'GET /api/v1/channels/%E5%8E%9F%E7%A5%9E/videos': () => ({ items: [card('BVc')], nextCursor: null }),
      'GET /api/v1/videos': () => ({ items: [card('BVn')], nextCursor: null }),
    })
    await store.dispatch('feed/refresh', 'home:hot')
    await store.dispatch('feed/refresh', 'home:live')
    await store.dispatch('feed/refresh', 'channel:原神')
    await store.dispatch('feed/refresh', 'partition:game:new')
    await store.dispatch('feed/refresh', 'partition:game:hot')
    expect(transport.calls.map((c) => [c.path, c.query.partition ?? null, c.query.sort ?? null])).toEqual([
      ['/api/v1/feed/hot', null, null],
      ['/api/v1/feed/partition/live', null, null],
      ['/api/v1/channels/%E5%8E%9F%E7%A5%9E/videos', null, null],
      ['/api/v1/videos', 'game', 'new'],
      ['/api/v1/feed/hot', 'game', null],
    ])
    expect(store.getters['feed/list']('home:live')).toMatchObject({ items: [], loaded: true, done: true })
  })
})

describe('auth', () => {
  it('signs in with a password and keeps the tokens and the user across a restart', async () => {
    const server = setup({ 'POST /api/v1/auth/login': () => signedIn })
    const store = createAppStore(server)
    await store.dispatch('auth/login', { username: 'xiaoming', password: 'secret-123' })
    expect(store.getters['auth/signedIn']).toBe(true)
    expect(server.tokens.read()).toEqual({ accessToken: 'A1', refreshToken: 'R1' })
    expect(createAppStore(server).state.auth.user).toEqual(user)
  })

  it('signs a bound WeChat account straight in', async () => {
    const { store, transport } = storeWith({ 'POST /api/v1/auth/wechat/login': () => signedIn })
    expect(await store.dispatch('auth/wechatLogin', 'code-1')).toBe('signed-in')
    expect(transport.calls[0].data).toEqual({ code: 'code-1' })
    expect(store.getters['auth/uid']).toBe('7')
  })

  it('registers an unbound WeChat account with the ticket, a nickname and no password', async () => {
    const { store, transport } = storeWith({
      'POST /api/v1/auth/wechat/login': () => ({ registrationTicket: 'T1' }),
      'POST /api/v1/auth/wechat/register': () => ({ statusCode: 201, data: signedIn }),
    })
    expect(await store.dispatch('auth/wechatLogin', 'code-2')).toBe('unbound')
    expect(store.getters['auth/signedIn']).toBe(false)
    await store.dispatch('auth/wechatRegister', { nickname: '小明', username: '', password: '' })
    expect(transport.calls[1].data).toEqual({ registrationTicket: 'T1', nickname: '小明' })
    expect(store.getters['auth/signedIn']).toBe(true)
    expect(store.state.auth.registrationTicket).toBeNull()
  })

  it('binds an unbound WeChat account to an existing one after a password login', async () => {
    const { store, transport } = storeWith({
      'POST /api/v1/auth/wechat/login': () => ({ registrationTicket: 'T2' }),
      'POST /api/v1/auth/login': () => signedIn,
      'POST /api/v1/auth/wechat/bind': (r) =>
        r.header.Authorization === 'Bearer A1' ? { statusCode: 204, data: '' } : { statusCode: 401, data: {} },
    })
    await store.dispatch('auth/wechatLogin', 'code-3')
    await store.dispatch('auth/loginAndBind', { username: 'xiaoming', password: 'secret-123' })
    expect(transport.calls.at(-1)).toMatchObject({ path: '/api/v1/auth/wechat/bind', data: { registrationTicket: 'T2' } })
    expect(store.state.auth.registrationTicket).toBeNull()
  })

  it('follows a session lost elsewhere: signed out, and 我的 forgets the profile', async () => {
    const { store, tokens } = storeWith({
      'POST /api/v1/auth/login': () => signedIn,
      'GET /api/v1/users/me': () => ({ statusCode: 401, data: {} }),
      'POST /api/v1/auth/refresh': () => ({ statusCode: 401, data: {} }),
    })
    await store.dispatch('auth/login', { username: 'a', password: 'b' })
    store.commit('me/setProfile', { uid: '7', followers: 3 })
    await expect(store.dispatch('me/loadProfile')).rejects.toMatchObject({ status: 401 })
    expect(store.getters['auth/signedIn']).toBe(false)
    expect(store.state.me.profile).toBeNull()
    expect(tokens.read()).toBeNull()
  })
})

describe('video', () => {
  const video = {
    bvid: 'BV1',
    title: '测试视频',
    uploader: { uid: '9', nickname: 'UP' },
    stats: { views: 10, likes: 2, coins: 0, favorites: 0, shares: 0, danmaku: 1, comments: 0 },
    playUrl: '/media/BV1/master.m3u8',
  }

  function videoStore(extra = {}) {
    const server = storeWith({
      'POST /api/v1/auth/login': () => signedIn,
      'GET /api/v1/videos/BV1': () => video,
      'GET /api/v1/videos/BV1/relation': () => ({ liked: false, coins: 0, favorited: false, folderIds: [] }),
      'GET /api/v1/users/9': () => ({ uid: '9', followedByMe: false }),
      'GET /api/v1/videos/BV1/related': () => [card('BV2')],
      'GET /api/v1/videos/BV1/comments': () => ({ items: [], nextCursor: null }),
      'GET /api/v1/videos/BV1/danmaku': (r) =>
        r.query.segment === '1' ? [{ id: 'd1', content: '前方高能', progressMs: 1000, color: '#ffffff' }] : [],
      ...extra,
    })
    return server
  }

  it('opens a video with its relation, uploader, related videos, comments and first danmaku segment', async () => {
    const { store } = videoStore()
    await store.dispatch('auth/login', { username: 'a', password: 'b' })
    await store.dispatch('video/open', 'BV1')
    expect(store.state.video.video.title).toBe('测试视频')
    expect(store.state.video.related.map((v) => v.bvid)).toEqual(['BV2'])
    expect(store.state.video.danmaku.map((d) => d.content)).toEqual(['前方高能'])
    expect(store.state.video.comments.loaded).toBe(true)
    // the same segment is not fetched twice; the next one is fetched once playback nears it
    await store.dispatch('video/loadDanmaku', 60_000)
    await store.dispatch('video/loadDanmaku', 6 * 60_000 + 1)
    expect(store.state.video.segments).toEqual([1, 2])
  })

  it('likes and unlikes with the counts the server answers', async () => {
    let liked = false
    const { store } = videoStore({
      'PUT /api/v1/videos/BV1/like': () => ((liked = true), { liked: true, likes: 3 }),
      'DELETE /api/v1/videos/BV1/like': () => ((liked = false), { liked: false, likes: 2 }),
    })
    await store.dispatch('auth/login', { username: 'a', password: 'b' })
    await store.dispatch('video/open', 'BV1')
    await store.dispatch('video/toggleLike')
    expect([liked, store.state.video.relation.liked, store.state.video.video.stats.likes]).toEqual([true, true, 3])
    await store.dispatch('video/toggleLike')
    expect([liked, store.state.video.relation.liked, store.state.video.video.stats.likes]).toEqual([false, false, 2])
  })

  it('puts a comment at the top and a reply under its root, counting both', async () => {
    let id = 0
    const { store } = videoStore({
      'POST /api/v1/videos/BV1/comments': (r) => ({
        statusCode: 201,
        data: {
          id: String(++id),
          content: r.data.content,
          parentId: r.data.parentId ?? null,
          rootId: r.data.parentId ?? null,
          author: user,
          replyCount: 0,
        },
      }),
    })
    await store.dispatch('auth/login', { username: 'a', password: 'b' })
    await store.dispatch('video/open', 'BV1')
    await store.dispatch('video/comment', { content: '第一' })
    await store.dispatch('video/comment', { content: '回复你', parentId: '1' })
    const [root] = store.state.video.comments.items
    expect(root.content).toBe('第一')
    expect(root.replies.map((r) => r.content)).toEqual(['回复你'])
    expect(root.replyCount).toBe(1)
    expect(store.state.video.video.stats.comments).toBe(2)
  })

  it('favourites into the default folder and un-favourites from all of them', async () => {
    const sent = []
    const { store } = videoStore({
      'GET /api/v1/me/favorites/folders': () => [
        { id: 'f1', default: false },
        { id: 'f0', default: true },
      ],
      'PUT /api/v1/videos/BV1/favorite': (r) => {
        sent.push(r.data.folderIds)
        return { favorited: r.data.folderIds.length > 0, folderIds: r.data.folderIds }
      },
    })
    await store.dispatch('auth/login', { username: 'a', password: 'b' })
    await store.dispatch('video/open', 'BV1')
    await store.dispatch('video/toggleFavorite')
    expect(store.state.video.relation.favorited).toBe(true)
    await store.dispatch('video/toggleFavorite')
    expect(sent).toEqual([['f0'], []])
    expect(store.state.video.video.stats.favorites).toBe(0)
  })
})

describe('me', () => {
  it('edits the nickname and shows it in the signed-in card too', async () => {
    const { store } = storeWith({
      'POST /api/v1/auth/login': () => signedIn,
      'GET /api/v1/users/me': () => ({ ...user, followers: 1, following: 2, likesReceived: 3 }),
      'PATCH /api/v1/users/me': (r) => ({ ...user, nickname: r.data.nickname }),
    })
    await store.dispatch('auth/login', { username: 'a', password: 'b' })
    await store.dispatch('me/loadProfile')
    await store.dispatch('me/updateNickname', '大明')
    expect(store.state.me.profile).toMatchObject({ nickname: '大明', followers: 1 })
    expect(store.state.auth.user.nickname).toBe('大明')
  })

  it('lists my uploads with the uid of the signed-in user, and the history with its positions', async () => {
    const { store, transport } = storeWith({
      'POST /api/v1/auth/login': () => signedIn,
      'GET /api/v1/users/7/videos': () => ({ items: [{ bvid: 'BV9', state: 'REVIEW' }], nextCursor: null }),
      'GET /api/v1/me/history': () => ({ items: [{ bvid: 'BV1', progressMs: 5000 }], nextCursor: null }),
    })
    await store.dispatch('auth/login', { username: 'a', password: 'b' })
    await store.dispatch('me/loadUploads', true)
    await store.dispatch('me/loadHistory', true)
    expect(store.state.me.uploads.items[0].state).toBe('REVIEW')
    expect(store.state.me.history.items[0].progressMs).toBe(5000)
    expect(transport.calls.map((c) => c.path)).toContain('/api/v1/users/7/videos')
  })

  it('changes the avatar: the picked image as the multipart part "file", then the profile with its key', async () => {
    const sent = []
    const uploadTransport = async (request) => {
      sent.push(request)
      // the first try meets an expired token: refreshed once, then sent again
      if (sent.length === 1) return { statusCode: 401, data: '{"code":"UNAUTHORIZED"}' }
      return { statusCode: 200, data: '{"avatarKey":"avatars/7/1.jpg","avatarUrl":"/media/avatars/7/1.jpg"}' }
    }
    const { store, transport } = storeWith(
      {
        'POST /api/v1/auth/login': () => signedIn,
        'POST /api/v1/auth/refresh': () => ({ accessToken: 'A2', refreshToken: 'R2' }),
        'GET /api/v1/users/me': () => ({ ...user, avatarUrl: '/media/avatars/default.png' }),
        'PATCH /api/v1/users/me': (r) => ({ ...user, avatarUrl: `/media/${r.data.avatarKey}` }),
      },
      { uploadTransport, mediaOrigin: 'https://ob.example' },
    )
    await store.dispatch('auth/login', { username: 'a', password: 'b' })
    await store.dispatch('me/loadProfile')
    await store.dispatch('me/changeAvatar', { path: 'blob:http://x/1', size: 2000 })
    expect(sent.map((r) => [r.url, r.filePath, r.name, r.header.Authorization])).toEqual([
      ['http://api.test/api/v1/users/me/avatar', 'blob:http://x/1', 'file', 'Bearer A1'],
      ['http://api.test/api/v1/users/me/avatar', 'blob:http://x/1', 'file', 'Bearer A2'],
    ])
    expect(transport.calls.at(-1).data).toEqual({ avatarKey: 'avatars/7/1.jpg' })
    expect(store.state.me.profile.avatarUrl).toBe('https://ob.example/media/avatars/7/1.jpg')
    expect(store.state.auth.user.avatarUrl).toBe('https://ob.example/media/avatars/7/1.jpg')
    await expect(store.dispatch('me/changeAvatar', { path: 'big.png', size: 6 * 1024 * 1024 })).rejects.toThrow(
      '头像图片不能超过 5 MB',
    )
    expect(sent).toHaveLength(2)
  })

  it('follows uploads on their way: state and processing percent, until none is left', async () => {
    let reads = 0
    const { store } = storeWith({
      'POST /api/v1/auth/login': () => signedIn,
      'GET /api/v1/users/7/videos': () => ({
        items: [
          { bvid: 'BV1', state: 'PROCESSING' },
          { bvid: 'BV2', state: 'PUBLISHED' },
        ],
        nextCursor: null,
      }),
      'GET /api/v1/videos/BV1': () =>
        ++reads === 1 ? { bvid: 'BV1', state: 'PROCESSING', progress: 40 } : { bvid: 'BV1', state: 'PUBLISHED', progress: 100 },
    })
    await store.dispatch('auth/login', { username: 'a', password: 'b' })
    await store.dispatch('me/loadUploads', true)
    expect(await store.dispatch('me/refreshUnfinished')).toBe(true)
    expect(store.state.me.uploads.items[0]).toMatchObject({ state: 'PROCESSING', progress: 40 })
    expect(await store.dispatch('me/refreshUnfinished')).toBe(false)
    expect(store.state.me.uploads.items.map((v) => v.state)).toEqual(['PUBLISHED', 'PUBLISHED'])
    expect(reads).toBe(2)
  })
})
