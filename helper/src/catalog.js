// What the pages need from the video and user services, read from their public API exactly as a signed-out
// visitor would read it (no token): so only published videos and public profile fields ever reach the helper, and
// nothing private can leak into a page. Instances come from the registry. Answers are kept for a few seconds and
// read once however many ask at the same moment, so a link pasted into a busy chat (dozens of preview bots at
// once) costs the services one read; an aged answer is served while the next is read, and kept while the service
// cannot answer.
import { LRUCache } from 'lru-cache'
import { UpstreamUnavailable } from './problems.js'

const TIMEOUT_MS = 5_000
const FRESH_MS = 10_000
const LIST_PAGE_SIZE = 50

export class Catalog {
  /** @param {{instances(app: string): Promise<string[]>}} registry */
  constructor(registry) {
    this.registry = registry
    this.cache = new LRUCache({
      max: 10_000,
      ttl: FRESH_MS,
      allowStale: true,
      allowStaleOnFetchRejection: true,
      // answers are wrapped: "none" (null) is an answer too
      fetchMethod: async (key, stale, { context: load }) => ({ value: await load() }),
    })
    this.turn = 0
  }

  /** A published video (the video service's public document), or null when there is none to show. */
  async video(bvid) {
    const video = await this.cached(`video:${bvid}`, () => this.read('video', `/api/v1/videos/${bvid}`))
    return video?.state === 'PUBLISHED' ? video : null
  }

  /** A user's public profile, or null. */
  user(uid) {
    return this.cached(`user:${uid}`, () => this.read('user', `/api/v1/users/${uid}`))
  }

  /** One page of published videos, newest first: `{items, nextCursor}`. */
  async publishedVideos(cursor) {
    const query = new URLSearchParams({ sort: 'new', size: String(LIST_PAGE_SIZE) })
    if (cursor) query.set('cursor', cursor)
    const page = await this.read('video', `/api/v1/videos?${query}`)
    return { items: (page?.items ?? []).filter((video) => video.state === 'PUBLISHED'), nextCursor: page?.nextCursor ?? null }
  }

  /** `key` is `<service>:<id>`; nothing to answer with (no aged answer either) is that service's 503. */
  async cached(key, load) {
    let failure
    const read = () => load().catch((error) => Promise.reject((failure = error)))
    const entry = await this.cache.fetch(key, { context: read })
    if (entry) return entry.value
    throw failure ?? new UpstreamUnavailable(key.split(':')[0], new Error('the read failed'))
  }

  /** GET from one instance of `service` (the next one on a connection failure): the JSON, or null for a 404. */
  async read(service, path) {
    let urls
    try {
      urls = await this.registry.instances(service)
    } catch (error) {
      throw new UpstreamUnavailable(service, error)
    }
    if (urls.length === 0) throw new UpstreamUnavailable(service, new Error('no instance is registered'))
    const start = this.turn++ % urls.length
    let failure
    for (let i = 0; i < Math.min(urls.length, 2); i++) {
      const url = urls[(start + i) % urls.length]
      try {
        const response = await fetch(url + path, {
          headers: { Accept: 'application/json' },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        })
        if (response.status === 404) return null
        if (!response.ok) throw new Error(`HTTP ${response.status} from ${service}`)
        return await response.json()
      } catch (error) {
        failure = error
      }
    }
    throw new UpstreamUnavailable(service, failure)
  }
}
