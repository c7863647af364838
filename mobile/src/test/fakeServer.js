import { createClient } from '../api/client'
import { createApi } from '../api'
import { createTokenStore } from '../api/session'

/** A JWT whose only claims are `sub` and `exp` (seconds from now); the client reads nothing else. */
export function jwt(sub, expiresInSeconds = 600) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'none' })}.${part({ sub, exp: Math.floor(Date.now() / 1000) + expiresInSeconds })}.x`
}

export function memoryStorage() {
  const map = new Map()
  return {
    get: (k) => (map.has(k) ? structuredClone(map.get(k)) : null),
    set: (k, v) => map.set(k, structuredClone(v)),
    remove: (k) => map.delete(k),
  }
}

/**
 * A transport answering from `routes` ({"GET /api/v1/x": (request) => answer}); an answer is
 * `{statusCode, data}` or plain data (200). Records every request in `calls`.
 */
export function fakeTransport(routes) {
  const calls = []
  const transport = async (request) => {
    const url = new URL(request.url)
    const entry = { ...request, path: url.pathname, query: Object.fromEntries(url.searchParams) }
    calls.push(entry)
    const handler = routes[`${request.method} ${entry.path}`]
    if (!handler) return { statusCode: 404, data: { code: 'NOT_FOUND', title: 'Not Found' } }
    const answer = await handler(entry)
    return answer && typeof answer.statusCode === 'number' ? answer : { statusCode: 200, data: answer }
  }
  transport.calls = calls
  return transport
}

export function setup(routes, options = {}) {
  const transport = fakeTransport(routes)
  const tokens = createTokenStore(memoryStorage())
  const client = createClient({ baseUrl: 'http://api.test', transport, tokens, ...options })
  return { transport, tokens, client, api: createApi(client) }
}
