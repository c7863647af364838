import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { tokens } from '@/api'
import { useAuthStore } from './store'

function token(claims: Record<string, unknown>) {
  const payload = btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 900, ...claims }))
  return `h.${payload.replace(/=+$/, '')}.s`
}

function respond(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })
}

describe('auth store', () => {
  beforeEach(() => {
    localStorage.clear()
    tokens.write(null)
    setActivePinia(createPinia())
  })

  it('signs in: keeps the tokens, knows the uid and roles, and loads the profile', async () => {
    const access = token({ sub: '7', roles: ['USER', 'ADMIN'] })
    const fetch = vi.fn(async (url: string) =>
      url.endsWith('/auth/login')
        ? respond(200, {
            accessToken: access,
            refreshToken: 'r',
            expiresIn: 900,
            user: { uid: '7', nickname: '管理员' },
          })
        : respond(200, {
            uid: '7',
            nickname: '管理员',
            avatarUrl: '/a.png',
            sign: '',
            followers: 3,
            following: 1,
            likesReceived: 0,
            videos: 0,
          }),
    )
    vi.stubGlobal('fetch', fetch)
    const auth = useAuthStore()

    await auth.login('admin', 'password1')
    await vi.waitFor(() => expect(auth.me?.followers).toBe(3))

    expect(auth.signedIn).toBe(true)
    expect(auth.uid).toBe('7')
    expect(auth.isAdmin).toBe(true)
    expect(JSON.parse(localStorage.getItem('openbili.tokens')!)).toEqual({ accessToken: access, refreshToken: 'r' })
  })

  it('does not sign in on refused credentials', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => respond(401, { code: 'BAD_CREDENTIALS', detail: '用户名或密码错误' })),
    )
    const auth = useAuthStore()
    await expect(auth.login('who', 'wrong-password')).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' })
    expect(auth.signedIn).toBe(false)
  })

  it('signs out even when the server cannot be reached', async () => {
    tokens.write({ accessToken: token({ sub: '7', roles: ['USER'] }), refreshToken: 'r' })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    const auth = useAuthStore()
    expect(auth.signedIn).toBe(true)
    expect(auth.isAdmin).toBe(false)

    await auth.logout()

    expect(auth.signedIn).toBe(false)
    expect(localStorage.getItem('openbili.tokens')).toBeNull()
  })
})
