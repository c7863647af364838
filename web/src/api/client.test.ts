import { describe, expect, it, vi } from 'vitest'
import { ApiClient, ApiError, type TokenPair, type TokenStore } from './client'

/** A JWT-shaped token whose payload carries `exp`; the signature does not matter to the client. */
function jwt(name: string, expiresInSeconds = 900) {
  const payload = btoa(JSON.stringify({ sub: '42', name, exp: Math.floor(Date.now() / 1000) + expiresInSeconds }))
  return `h.${payload.replace(/=+$/, '')}.s`
}

class MemoryTokens implements TokenStore {
  constructor(public tokens: TokenPair | null) {}
  read() {
    return this.tokens
  }
  write(tokens: TokenPair | null) {
    this.tokens = tokens
  }
}

function json(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

/** A server where only `valid` is accepted as access token and `refreshToken` may be exchanged once. */
function server(options: { valid: string; refreshToken: string; next: TokenPair }) {
  const requests: { url: string; auth: string | null; body: string | null }[] = []
  let refreshUsed = false
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    const headers = new Headers(init?.headers)
    requests.push({ url, auth: headers.get('Authorization'), body: (init?.body as string) ?? null })
    if (url === '/api/v1/auth/refresh') {
      const sent = JSON.parse(String(init?.body)).refreshToken
      if (sent !== options.refreshToken || refreshUsed) {
        return json(401, { code: 'INVALID_REFRESH_TOKEN', title: 'Unauthorized' }, 'application/problem+json')
      }
      refreshUsed = true
      return json(200, { ...options.next, expiresIn: 900 })
    }
    if (headers.get('Authorization') !== `Bearer ${options.valid}`) {
      return json(401, { code: 'UNAUTHORIZED', title: 'Unauthorized', status: 401 }, 'application/problem+json')
    }
    return json(200, { uid: '42', nickname: '小明' })
  })
  return { fetch, requests, refreshes: () => requests.filter((r) => r.url === '/api/v1/auth/refresh').length }
}

describe('ApiClient', () => {
  it('refreshes an expired access token and retries the call, so the user notices nothing', async () => {
    const expired = jwt('old')
    const fresh = { accessToken: jwt('new'), refreshToken: 'r2' }
    const tokens = new MemoryTokens({ accessToken: expired, refreshToken: 'r1' })
    const backend = server({ valid: fresh.accessToken, refreshToken: 'r1', next: fresh })
    const client = new ApiClient({ tokens, fetch: backend.fetch })

    const me = await client.get<{ nickname: string }>('/api/v1/users/me')

    expect(me.nickname).toBe('小明')
    expect(tokens.tokens).toEqual(fresh)
    expect(backend.requests.map((r) => r.auth)).toEqual([`Bearer ${expired}`, null, `Bearer ${fresh.accessToken}`])
  })

  it('shares one refresh among calls that fail at the same time (a rotated refresh token works once)', async () => {
    const fresh = { accessToken: jwt('new'), refreshToken: 'r2' }
    const tokens = new MemoryTokens({ accessToken: jwt('old'), refreshToken: 'r1' })
    const backend = server({ valid: fresh.accessToken, refreshToken: 'r1', next: fresh })
    const client = new ApiClient({ tokens, fetch: backend.fetch })

    const answers = await Promise.all([
      client.get('/api/v1/users/me'),
      client.get('/api/v1/notifications/unread'),
      client.get('/api/v1/me/history'),
    ])

    expect(answers).toHaveLength(3)
    expect(backend.refreshes()).toBe(1)
  })

  it('uses the tokens another tab already refreshed instead of spending the old refresh token', async () => {
    const stale = jwt('old')
    const rotatedElsewhere = { accessToken: jwt('other tab'), refreshToken: 'r2' }
    const tokens = new MemoryTokens({ accessToken: stale, refreshToken: 'r1' })
    const backend = server({ valid: rotatedElsewhere.accessToken, refreshToken: 'r1', next: rotatedElsewhere })
    const client = new ApiClient({
      tokens,
      fetch: backend.fetch,
      // The other tab held the lock and rotated the tokens while this one waited for it.
      lock: async (_name, task) => {
        tokens.write(rotatedElsewhere)
        return task()
      },
    })

    await client.get('/api/v1/users/me')

    expect(backend.refreshes()).toBe(0)
    expect(backend.requests.at(-1)?.auth).toBe(`Bearer ${rotatedElsewhere.accessToken}`)
  })

  it('signs the user out when the refresh token is refused, and reports the original 401', async () => {
    const tokens = new MemoryTokens({ accessToken: jwt('old'), refreshToken: 'revoked' })
    const backend = server({ valid: 'never', refreshToken: 'r1', next: { accessToken: 'x', refreshToken: 'y' } })
    const onSessionLost = vi.fn()
    const client = new ApiClient({ tokens, fetch: backend.fetch, onSessionLost })

    const failure = await client.get('/api/v1/users/me').catch((e: unknown) => e)

    expect(failure).toBeInstanceOf(ApiError)
    expect((failure as ApiError).status).toBe(401)
    expect(tokens.tokens).toBeNull()
    expect(onSessionLost).toHaveBeenCalledOnce()
  })

  it('retries only once: a 401 after a successful refresh is a real refusal', async () => {
    const tokens = new MemoryTokens({ accessToken: jwt('old'), refreshToken: 'r1' })
    // The refresh works, but the call is refused with any token.
    const backend = server({
      valid: 'nothing works',
      refreshToken: 'r1',
      next: { accessToken: jwt('new'), refreshToken: 'r2' },
    })
    const client = new ApiClient({ tokens, fetch: backend.fetch })

    await expect(client.get('/api/v1/admin/reviews')).rejects.toMatchObject({ status: 401 })
    expect(backend.requests.filter((r) => r.url === '/api/v1/admin/reviews')).toHaveLength(2)
    expect(backend.refreshes()).toBe(1)
  })

  it('never tries to refresh for a signed-out visitor', async () => {
    const tokens = new MemoryTokens(null)
    const backend = server({ valid: 'x', refreshToken: 'r1', next: { accessToken: 'a', refreshToken: 'b' } })
    const client = new ApiClient({ tokens, fetch: backend.fetch })
    await expect(client.get('/api/v1/users/me')).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' })
    expect(backend.refreshes()).toBe(0)
  })

  it('turns problem+json into an error that names the bad fields', async () => {
    const fetch = vi.fn(async () =>
      json(
        400,
        {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'Some fields are invalid.',
          code: 'VALIDATION_FAILED',
          errors: [
            { field: 'username', message: '用户名已被占用' },
            { field: 'password', message: '密码太弱' },
          ],
        },
        'application/problem+json',
      ),
    )
    const client = new ApiClient({ tokens: new MemoryTokens(null), fetch })

    const error = (await client.post('/api/v1/auth/register', {}).catch((e: unknown) => e)) as ApiError

    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.fieldMessage('username')).toBe('用户名已被占用')
    expect(error.fieldMessage('password')).toBe('密码太弱')
    expect(error.message).toBe('用户名已被占用；密码太弱')
  })

  it('uses the detail of a problem without fields as its message, and survives a non-JSON error page', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json(409, { code: 'USERNAME_TAKEN', detail: '用户名已存在' }, 'application/problem+json'))
      .mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    const client = new ApiClient({ tokens: new MemoryTokens(null), fetch })

    await expect(client.post('/x')).rejects.toMatchObject({ code: 'USERNAME_TAKEN', message: '用户名已存在' })
    await expect(client.get('/y')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' })
  })

  it('refreshes ahead of time for connections that cannot retry (EventSource, WebSocket)', async () => {
    const soon = jwt('old', 10)
    const fresh = { accessToken: jwt('new'), refreshToken: 'r2' }
    const tokens = new MemoryTokens({ accessToken: soon, refreshToken: 'r1' })
    const backend = server({ valid: fresh.accessToken, refreshToken: 'r1', next: fresh })
    const client = new ApiClient({ tokens, fetch: backend.fetch })

    expect(await client.freshAccessToken()).toBe(fresh.accessToken)
    expect(await client.freshAccessToken()).toBe(fresh.accessToken)
    expect(backend.refreshes()).toBe(1)
  })

  it('builds URLs with their query and leaves empty values out', () => {
    const client = new ApiClient({ tokens: new MemoryTokens(null), baseUrl: 'http://gw' })
    expect(client.url('/api/v1/videos', { partition: 'anime', cursor: null, sort: 'new', q: '' })).toBe(
      'http://gw/api/v1/videos?partition=anime&sort=new',
    )
    expect(client.url('/api/v1/videos/stats', { bvid: ['BV1a', 'BV1b'] })).toBe(
      'http://gw/api/v1/videos/stats?bvid=BV1a&bvid=BV1b',
    )
    expect(client.url('/api/v1/search/videos', { q: '动漫 & 游戏' })).toBe(
      'http://gw/api/v1/search/videos?q=%E5%8A%A8%E6%BC%AB+%26+%E6%B8%B8%E6%88%8F',
    )
  })
})
