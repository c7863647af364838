import { describe, expect, it, vi } from 'vitest'
import { ApiError, expiresAt, jwtClaims, queryString } from './client'
import { jwt, setup } from '../test/fakeServer'

describe('the API client', () => {
  it('sends the access token and JSON, and leaves empty query values out', async () => {
    const { client, tokens, transport } = setup({ 'GET /api/v1/feed/hot': () => ({ items: [], nextCursor: null }) })
    tokens.write({ accessToken: 'A1', refreshToken: 'R1' })
    await client.get('/api/v1/feed/hot', { partition: null, cursor: undefined, size: 20 })
    const [call] = transport.calls
    expect(call.url).toBe('http://api.test/api/v1/feed/hot?size=20')
    expect(call.header.Authorization).toBe('Bearer A1')
  })

  it('refreshes once on 401 with the rotating refresh token, shared by concurrent calls, then retries', async () => {
    let refreshes = 0
    const { client, tokens, transport } = setup({
      'GET /api/v1/users/me': (r) =>
        r.header.Authorization === 'Bearer A2' ? { uid: '7' } : { statusCode: 401, data: { code: 'TOKEN_EXPIRED' } },
      'POST /api/v1/auth/refresh': (r) => {
        refreshes += 1
        expect(r.data).toEqual({ refreshToken: 'R1' })
        return { accessToken: 'A2', refreshToken: 'R2', expiresIn: 600 }
      },
    })
    tokens.write({ accessToken: 'A1', refreshToken: 'R1' })
    const answers = await Promise.all([client.get('/api/v1/users/me'), client.get('/api/v1/users/me')])
    expect(answers).toEqual([{ uid: '7' }, { uid: '7' }])
    expect(refreshes).toBe(1)
    expect(tokens.read()).toEqual({ accessToken: 'A2', refreshToken: 'R2' })
    expect(transport.calls.filter((c) => c.path === '/api/v1/users/me')).toHaveLength(4)
  })

  it('ends the session when the refresh token is refused, and reports the 401', async () => {
    const lost = vi.fn()
    const { client, tokens } = setup(
      {
        'GET /api/v1/users/me': () => ({ statusCode: 401, data: { code: 'TOKEN_EXPIRED', title: 'Unauthorized' } }),
        'POST /api/v1/auth/refresh': () => ({ statusCode: 401, data: { code: 'REFRESH_TOKEN_REUSED' } }),
      },
      { onSessionLost: lost },
    )
    tokens.write({ accessToken: 'A1', refreshToken: 'R1' })
    await expect(client.get('/api/v1/users/me')).rejects.toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' })
    expect(tokens.read()).toBeNull()
    expect(lost).toHaveBeenCalledOnce()
  })

  it('does not refresh for a signed-out caller', async () => {
    const { client, transport } = setup({ 'PUT /api/v1/videos/BV1/like': () => ({ statusCode: 401, data: {} }) })
    await expect(client.put('/api/v1/videos/BV1/like')).rejects.toBeInstanceOf(ApiError)
    expect(transport.calls.map((c) => c.path)).toEqual(['/api/v1/videos/BV1/like'])
  })

  it('sends PATCH as POST with X-HTTP-Method-Override where the platform cannot send PATCH', async () => {
    const routes = { 'POST /api/v1/users/me': () => ({ nickname: '新' }), 'PATCH /api/v1/users/me': () => ({}) }
    const mini = setup(routes, { methodOverride: true })
    await mini.api.users.updateMe({ nickname: '新' })
    expect(mini.transport.calls[0]).toMatchObject({ method: 'POST', data: { nickname: '新' } })
    expect(mini.transport.calls[0].header['X-HTTP-Method-Override']).toBe('PATCH')
    const web = setup(routes)
    await web.api.users.updateMe({ nickname: '新' })
    expect(web.transport.calls[0].method).toBe('PATCH')
    expect(web.transport.calls[0].header['X-HTTP-Method-Override']).toBeUndefined()
  })

  it('turns problem+json into an ApiError with the stable code and the field messages', async () => {
    const { api } = setup({
      'POST /api/v1/auth/register': () => ({
        statusCode: 400,
        data: { code: 'VALIDATION_FAILED', errors: [{ field: 'password', message: '至少 8 位' }] },
      }),
    })
    const error = await api.auth.register({ username: 'a', password: 'b', nickname: 'c' }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.fieldMessage('password')).toBe('至少 8 位')
    expect(error.message).toBe('至少 8 位')
  })

  it('makes the site paths of …Url fields absolute, at any depth, and leaves the rest alone', async () => {
    const { api } = setup(
      {
        'GET /api/v1/feed/recommend': () => ({
          items: [{ bvid: 'BV1', coverUrl: '/media/c.jpg', uploader: { avatarUrl: '/media/a.png' }, title: '/x' }],
          nextCursor: null,
        }),
        'GET /api/v1/videos/BV1': () => ({ playUrl: 'https://cdn.example/m.m3u8', coverUrl: null }),
      },
      { mediaOrigin: 'http://10.0.0.2:8080' },
    )
    const page = await api.feed.recommend()
    expect(page.items[0]).toMatchObject({
      coverUrl: 'http://10.0.0.2:8080/media/c.jpg',
      uploader: { avatarUrl: 'http://10.0.0.2:8080/media/a.png' },
      title: '/x',
    })
    expect(await api.videos.get('BV1')).toEqual({ playUrl: 'https://cdn.example/m.m3u8', coverUrl: null })
  })

  it('answers undefined for 204', async () => {
    const { client } = setup({ 'DELETE /api/v1/users/5/follow': () => ({ statusCode: 204, data: '' }) })
    await expect(client.delete('/api/v1/users/5/follow')).resolves.toBeUndefined()
  })

  it('refreshes an access token about to expire before handing it to the WebSocket', async () => {
    const { client, tokens } = setup({
      'POST /api/v1/auth/refresh': () => ({ accessToken: jwt('7', 600), refreshToken: 'R2' }),
    })
    tokens.write({ accessToken: jwt('7', 5), refreshToken: 'R1' })
    const token = await client.accessToken()
    expect(expiresAt(token) - Date.now()).toBeGreaterThan(500_000)
  })
})

describe('token helpers', () => {
  it('read a JWT without atob, including non-ASCII claims', () => {
    const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
    expect(jwtClaims(`x.${part({ sub: '42', name: '小明' })}.y`)).toEqual({ sub: '42', name: '小明' })
    expect(jwtClaims('garbage')).toEqual({})
    expect(expiresAt('garbage')).toBe(0)
  })

  it('repeat list values in the query string and encode them', () => {
    expect(queryString({ bvid: ['a', 'b'], q: '动漫 解说', empty: '' })).toBe('?bvid=a&bvid=b&q=%E5%8A%A8%E6%BC%AB%20%E8%A7%A3%E8%AF%B4')
  })
})
