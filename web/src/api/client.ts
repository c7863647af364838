/**
 * The transport under the typed API (see ./index.ts): JSON over fetch, the access token on every call, a
 * transparent refresh on 401 (once, shared by concurrent calls and by other tabs), and problem+json errors.
 */

export interface TokenPair {
  accessToken: string
  refreshToken: string
}

/** Where the tokens live; the session (./session.ts) keeps them in localStorage so every tab shares them. */
export interface TokenStore {
  read(): TokenPair | null
  write(tokens: TokenPair | null): void
}

export interface FieldError {
  field: string
  message: string
}

/** An answer the API refused, as RFC 9457 problem details; `code` is stable, `message` is for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** The server's message for one form field, if it named that field. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message
  }
}

export type Query = Record<string, string | number | boolean | string[] | null | undefined>

export interface RequestOptions {
  query?: Query
  /** Sent as JSON. */
  body?: unknown
  /** Sent as multipart (e.g. an avatar). */
  form?: FormData
  signal?: AbortSignal
}

export interface ApiClientOptions {
  tokens: TokenStore
  baseUrl?: string
  fetch?: typeof fetch
  /** Runs `task` while no other tab runs one under the same name (Web Locks); defaults to no lock. */
  lock?: <T>(name: string, task: () => Promise<T>) => Promise<T>
  /** Called when the refresh token no longer works: the user has to sign in again. */
  onSessionLost?: () => void
}

const REFRESH_PATH = '/api/v1/auth/refresh'
/** Refresh a little before expiry for connections that cannot retry (EventSource, WebSocket, tus). */
const EXPIRY_MARGIN_MS = 30_000

export class ApiClient {
  private readonly tokens: TokenStore
  private readonly baseUrl: string
  private readonly fetchImpl: typeof fetch
  private readonly lock: NonNullable<ApiClientOptions['lock']>
  private readonly onSessionLost: () => void
  private refreshing: Promise<boolean> | null = null

  constructor(options: ApiClientOptions) {
    this.tokens = options.tokens
    this.baseUrl = options.baseUrl ?? ''
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.lock = options.lock ?? ((_name, task) => task())
    this.onSessionLost = options.onSessionLost ?? (() => {})
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, options)
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, { ...options, body })
  }

  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body })
  }

  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body })
  }

  delete<T = void>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, options)
  }

  /** The URL of an API path with its query; empty values are left out. */
  url(path: string, query?: Query): string {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query ?? {})) {
      // Lists repeat their name (?bvid=a&bvid=b), as Spring binds them.
      for (const one of Array.isArray(value) ? value : [value]) {
        if (one !== undefined && one !== null && one !== '') params.append(key, String(one))
      }
    }
    const search = params.toString()
    return this.baseUrl + path + (search ? `?${search}` : '')
  }

  /** An access token valid for at least half a minute, refreshing first when needed; null when signed out. */
  async freshAccessToken(): Promise<string | null> {
    const current = this.tokens.read()
    if (!current) return null
    if (expiresAt(current.accessToken) - Date.now() > EXPIRY_MARGIN_MS) return current.accessToken
    await this.refresh(current.accessToken)
    return this.tokens.read()?.accessToken ?? null
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const sentWith = this.tokens.read()?.accessToken
    let response = await this.send(method, path, options, sentWith)
    if (response.status === 401 && sentWith && (await this.refresh(sentWith))) {
      // Exactly one retry: a second 401 is a real refusal, not an expired token.
      response = await this.send(method, path, options, this.tokens.read()?.accessToken)
    }
    return read<T>(response)
  }

  private send(method: string, path: string, options: RequestOptions, token: string | undefined) {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' }
    if (token) headers.Authorization = `Bearer ${token}`
    let body: BodyInit | undefined
    if (options.form) {
      body = options.form
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(options.body)
    }
    return this.fetchImpl(this.url(path, options.query), { method, headers, body, signal: options.signal })
  }

  /**
   * Replaces an access token the server refused. Concurrent callers share one refresh; another tab that
   * already refreshed is noticed (the stored token changed), because presenting a rotated refresh token
   * twice would make the server revoke the whole session.
   */
  private refresh(staleAccessToken: string): Promise<boolean> {
    this.refreshing ??= this.lock('openbili-token-refresh', async () => {
      const stored = this.tokens.read()
      if (!stored) return false
      if (stored.accessToken !== staleAccessToken) return true
      const response = await this.fetchImpl(this.url(REFRESH_PATH), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken: stored.refreshToken }),
      })
      if (!response.ok) {
        if (response.status >= 500) throw await problemOf(response)
        this.tokens.write(null)
        this.onSessionLost()
        return false
      }
      const pair = (await response.json()) as TokenPair
      this.tokens.write({ accessToken: pair.accessToken, refreshToken: pair.refreshToken })
      return true
    }).finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }
}

async function read<T>(response: Response): Promise<T> {
  if (!response.ok) throw await problemOf(response)
  if (response.status === 204 || response.headers.get('Content-Length') === '0') return undefined as T
  const type = response.headers.get('Content-Type') ?? ''
  if (!type.includes('json')) return undefined as T
  return (await response.json()) as T
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: { code?: string; title?: string; detail?: string; errors?: FieldError[] } = {}
  try {
    problem = await response.json()
  } catch {
    // Not problem+json (a proxy's error page, say): status alone has to do.
  }
  const message = problem.errors?.length
    ? problem.errors.map((e) => e.message).join('；')
    : (problem.detail ?? problem.title ?? response.statusText)
  return new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, message, problem.errors ?? [])
}

/** The `exp` of a JWT in epoch milliseconds; 0 when it cannot be read (treated as expired). */
export function expiresAt(jwt: string): number {
  const claims = jwtClaims(jwt)
  return typeof claims.exp === 'number' ? claims.exp * 1000 : 0
}

/** The claims of a JWT, unverified: the server checks signatures; the client only reads what it was given. */
export function jwtClaims(jwt: string): Record<string, unknown> {
  try {
    const payload = jwt.split('.')[1] ?? ''
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/')
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>
  } catch {
    return {}
  }
}
