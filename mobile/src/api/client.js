/**
 * The one transport of the app: JSON over uni.request (or any function of the same shape), the access
 * token on every call, one shared refresh on 401 with the rotating refresh token, and problem+json errors.
 */

const REFRESH_PATH = '/api/v1/auth/refresh'

/** An answer the API refused (RFC 9457 problem details); `code` is stable, `message` is for people. */
export class ApiError extends Error {
  constructor(status, code, message, fieldErrors = []) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fieldErrors = fieldErrors
  }

  fieldMessage(field) {
    return this.fieldErrors.find((e) => e.field === field)?.message
  }
}

/** The query string of `query`, leaving out empty values; lists repeat their name. */
export function queryString(query = {}) {
  const parts = []
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== '') {
        parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(one))}`)
      }
    }
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

/**
 * `transport({url, method, header, data})` resolves to `{statusCode, data}` (uni.request's success shape).
 * `tokens` reads and writes `{accessToken, refreshToken}`. With `methodOverride`, PATCH goes out as POST with
 * `X-HTTP-Method-Override: PATCH`, because WeChat's wx.request cannot send PATCH. With `mediaOrigin`, the site
 * paths the API answers in `…Url` fields (covers, avatars, playlists) become absolute there: uni's <image> and
 * <video> read a path starting with "/" as one inside the app, and a mini-program has no site of its own.
 * `uploadTransport({url, filePath, name, header})` (uni.uploadFile's shape) sends a file as multipart.
 */
export function createClient({
  baseUrl = '',
  transport,
  tokens,
  methodOverride = false,
  mediaOrigin = '',
  uploadTransport = null,
  onSessionLost = () => {},
}) {
  let refreshing = null

  const url = (path, query) => baseUrl + path + queryString(query)

  function send(method, path, { query, body, bytes, header: extra } = {}, token) {
    const header = { Accept: 'application/json, application/problem+json', ...extra }
    if (token) header.Authorization = `Bearer ${token}`
    if (body !== undefined) header['Content-Type'] = 'application/json'
    let sentMethod = method
    if (methodOverride && method === 'PATCH') {
      sentMethod = 'POST'
      header['X-HTTP-Method-Override'] = 'PATCH'
    }
    return transport({ url: url(path, query), method: sentMethod, header, data: bytes ?? body })
  }

  /** Replaces a refused access token once for all concurrent callers; false when the session is gone. */
  function refresh(staleAccessToken) {
    refreshing ??= (async () => {
      const stored = tokens.read()
      if (!stored) return false
      if (stored.accessToken !== staleAccessToken) return true
      const answer = await transport({
        url: url(REFRESH_PATH),
        method: 'POST',
        header: { 'Content-Type': 'application/json', Accept: 'application/json' },
        data: { refreshToken: stored.refreshToken },
      })
      if (answer.statusCode >= 500) throw problemOf(answer)
      if (answer.statusCode >= 400) {
        tokens.write(null)
        onSessionLost()
        return false
      }
      tokens.write({ accessToken: answer.data.accessToken, refreshToken: answer.data.refreshToken })
      return true
    })().finally(() => {
      refreshing = null
    })
    return refreshing
  }

  /** Sends with the access token and retries once after a refresh when it was refused; the raw answer. */
  async function exchange(method, path, options, through = send) {
    const sentWith = tokens.read()?.accessToken
    let answer = await through(method, path, options, sentWith)
    if (answer.statusCode === 401 && sentWith && (await refresh(sentWith))) {
      // Exactly one retry: a second 401 is a real refusal.
      answer = await through(method, path, options, tokens.read()?.accessToken)
    }
    if (answer.statusCode >= 400) throw problemOf(answer)
    return answer
  }

  function body(answer) {
    if (answer.statusCode === 204 || answer.data === '' || answer.data === undefined) return undefined
    return mediaOrigin ? withAbsoluteUrls(answer.data, mediaOrigin) : answer.data
  }

  async function request(method, path, options = {}) {
    return body(await exchange(method, path, options))
  }

  /** A file from the device as the multipart part `name` (uni.uploadFile); the answer's JSON body. */
  async function upload(path, { filePath, name }) {
    if (!uploadTransport) throw new Error('这个客户端不能上传文件')
    const through = (_method, _path, _options, token) =>
      uploadTransport({
        url: url(path),
        filePath,
        name,
        header: { Accept: 'application/json, application/problem+json', ...(token && { Authorization: `Bearer ${token}` }) },
      }).then((answer) => ({ ...answer, data: parseJson(answer.data) }))
    return body(await exchange('POST', path, {}, through))
  }

  return {
    url,
    request,
    upload,
    /**
     * A call whose headers matter (tus): `{header, bytes}` out, `{statusCode, header, data}` back, the answer's
     * header names in lower case. 4xx and 5xx still reject with an ApiError.
     */
    async raw(method, path, { header, bytes } = {}) {
      const answer = await exchange(method, path, { header, bytes })
      const lower = {}
      for (const [name, value] of Object.entries(answer.header ?? {})) lower[name.toLowerCase()] = value
      return { statusCode: answer.statusCode, header: lower, data: answer.data }
    },
    get: (path, query) => request('GET', path, { query }),
    post: (path, body, query) => request('POST', path, { body, query }),
    put: (path, body) => request('PUT', path, { body }),
    patch: (path, body) => request('PATCH', path, { body }),
    delete: (path) => request('DELETE', path),
    /** The current access token (for the WebSocket, which cannot retry on 401), refreshed first if stale. */
    async accessToken() {
      const current = tokens.read()
      if (!current) return null
      if (expiresAt(current.accessToken) - Date.now() > 30_000) return current.accessToken
      await refresh(current.accessToken)
      return tokens.read()?.accessToken ?? null
    },
  }
}

/** A copy of `value` whose `…Url` fields holding a site path ("/media/…") start with `origin`. */
export function withAbsoluteUrls(value, origin) {
  if (Array.isArray(value)) return value.map((item) => withAbsoluteUrls(item, origin))
  if (!value || typeof value !== 'object') return value
  const copy = {}
  for (const [key, field] of Object.entries(value)) {
    copy[key] =
      typeof field === 'string' && key.endsWith('Url') && /^\/(?!\/)/.test(field)
        ? origin + field
        : withAbsoluteUrls(field, origin)
  }
  return copy
}

function parseJson(text) {
  if (typeof text !== 'string') return text
  try {
    return text === '' ? '' : JSON.parse(text)
  } catch {
    return text
  }
}

function problemOf(answer) {
  const problem = answer.data && typeof answer.data === 'object' ? answer.data : {}
  const errors = Array.isArray(problem.errors) ? problem.errors : []
  const message = errors.length
    ? errors.map((e) => e.message).join('；')
    : problem.detail || problem.title || `请求失败（${answer.statusCode}）`
  return new ApiError(answer.statusCode, problem.code || `HTTP_${answer.statusCode}`, message, errors)
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Decodes base64url text (mini-programs have no atob). */
function base64UrlDecode(text) {
  let bits = 0
  let value = 0
  const bytes = []
  for (const char of text.replace(/[=+/]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c])) {
    const index = BASE64URL.indexOf(char)
    if (index < 0) continue
    value = (value << 6) | index
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((value >> bits) & 0xff)
    }
  }
  return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''))
}

/** The claims of a JWT, or {} when it cannot be read. */
export function jwtClaims(jwt) {
  try {
    return JSON.parse(base64UrlDecode(String(jwt).split('.')[1] ?? ''))
  } catch {
    return {}
  }
}

/** A JWT's expiry in epoch milliseconds; 0 (expired) when it cannot be read. */
export function expiresAt(jwt) {
  const exp = jwtClaims(jwt).exp
  return typeof exp === 'number' ? exp * 1000 : 0
}
