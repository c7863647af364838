// GET /robots.txt, /sitemap.xml (a sitemap index) and /sitemaps/{page}.xml: the site's home, every published
// video (with Google's video extension) and the spaces of their uploaders, in pages of bounded size. They are
// made in the background from the video service's list of published videos and kept, gzipped, for
// SITEMAP_REFRESH: a crawler's request never makes the service walk its catalogue, and when the copy has aged
// the next request starts a new walk and is answered from the old copy meanwhile.
import { Readable } from 'node:stream'
import { gunzipSync, gzipSync } from 'node:zlib'
import { LRUCache } from 'lru-cache'
import { ErrorLevel, SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap'
import { Problem } from './problems.js'
import { siteOrigin } from './site.js'
import { pictureUrl } from './pages/heads.js'

/** Far below the protocol's 50 000 URLs and 50 MB: a page of videos is about 1 MB before gzip. */
export const VIDEOS_PER_PAGE = 1000
export const SPACES_PER_PAGE = 10_000
const PAGE_NAME = /^(site|videos-[1-9]\d{0,6}|spaces-[1-9]\d{0,6})\.xml$/
/** Google's limits for the video extension's fields. */
const TITLE_LENGTH = 100
const DESCRIPTION_LENGTH = 2048
const TAGS = 32
const LONGEST_SECONDS = 28_800

export class Sitemaps {
  constructor(catalog, { refreshMs, log }) {
    this.catalog = catalog
    this.refreshMs = refreshMs
    this.log = log
    // One copy per origin the site is reached under (SITE_URL fixes it to one); a few at most.
    this.copies = new LRUCache({ max: 4 })
    this.walks = new Map()
  }

  /** The current copy for `origin`: a fresh one, an aged one while a new one is made, or the first one made now. */
  async copyFor(origin) {
    const copy = this.copies.get(origin)
    if (copy && Date.now() - copy.madeAt < this.refreshMs) return copy
    const walk = this.walk(origin)
    if (copy) {
      walk.catch(() => {})
      return copy
    }
    return walk
  }

  walk(origin) {
    let walk = this.walks.get(origin)
    if (!walk) {
      const started = Date.now()
      walk = this.make(origin)
        .then((copy) => {
          this.copies.set(origin, copy)
          this.log.info(
            `sitemaps for ${origin}: ${copy.videos} videos, ${copy.spaces} spaces in ${copy.pages.size} pages (${Date.now() - started} ms)`,
          )
          return copy
        })
        .finally(() => this.walks.delete(origin))
      this.walks.set(origin, walk)
    }
    return walk
  }

  async make(origin) {
    const pages = new Map()
    const index = []
    const uploaders = new Map()
    let batch = []
    let videos = 0
    let videoPages = 0
    const flush = async () => {
      const name = `videos-${++videoPages}.xml`
      pages.set(name, await render(new SitemapStream(this.options(origin, true)), batch.map((v) => videoEntry(v, origin))))
      index.push({ url: `${origin}/sitemaps/${name}`, lastmod: latest(batch) })
      batch = []
    }
    pages.set('site.xml', await render(new SitemapStream(this.options(origin, false)), [{ url: `${origin}/`, changefreq: 'hourly' }]))
    index.push({ url: `${origin}/sitemaps/site.xml` })

    let cursor = null
    do {
      const page = await this.catalog.publishedVideos(cursor)
      for (const video of page.items) {
        batch.push(video)
        videos++
        const uid = video.uploader?.uid
        if (uid && !(uploaders.get(uid) >= video.publishedAt)) uploaders.set(uid, video.publishedAt)
        if (batch.length === VIDEOS_PER_PAGE) await flush()
      }
      cursor = page.nextCursor
    } while (cursor)
    if (batch.length > 0) await flush()

    const spaces = [...uploaders.entries()].sort(([a], [b]) => (BigInt(a) < BigInt(b) ? -1 : 1))
    for (let start = 0; start < spaces.length; start += SPACES_PER_PAGE) {
      const chunk = spaces.slice(start, start + SPACES_PER_PAGE)
      const name = `spaces-${start / SPACES_PER_PAGE + 1}.xml`
      pages.set(
        name,
        await render(
          new SitemapStream(this.options(origin, false)),
          chunk.map(([uid, lastmod]) => ({ url: `${origin}/space/${uid}`, lastmod })),
        ),
      )
      index.push({ url: `${origin}/sitemaps/${name}`, lastmod: chunk.reduce((a, [, at]) => (at > a ? at : a), '') || undefined })
    }
    const indexXml = await render(new SitemapIndexStream({ level: ErrorLevel.THROW }), index)
    return { madeAt: Date.now(), index: indexXml, pages, videos, spaces: spaces.length }
  }

  /**
   * The library checks each entry against the protocol's limits; one that breaks them (the fields are clipped
   * to them first, so this is not expected) is logged and written, rather than costing the whole sitemap.
   */
  options(origin, video) {
    return {
      hostname: origin,
      level: ErrorLevel.WARN,
      errorHandler: (error) => this.log.warn(`sitemaps: ${error.message}`),
      xmlns: { video, news: false, xhtml: false, image: false },
    }
  }
}

async function render(stream, items) {
  return gzipSync(await streamToPromise(Readable.from(items).pipe(stream)))
}

function latest(videos) {
  return videos.reduce((at, video) => (video.publishedAt > at ? video.publishedAt : at), '') || undefined
}

function clip(text, length) {
  const flat = String(text ?? '').trim()
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat
}

function videoEntry(video, origin) {
  const seconds = Math.min(LONGEST_SECONDS, Math.max(1, Math.round((video.durationMs ?? 0) / 1000)))
  return {
    url: `${origin}/video/${video.bvid}`,
    lastmod: video.publishedAt,
    video: [
      {
        thumbnail_loc: pictureUrl(video.coverUrl, '1280x720', origin) ?? `${origin}/favicon.svg`,
        title: clip(video.title, TITLE_LENGTH),
        description: clip(video.description, DESCRIPTION_LENGTH) || clip(video.title, TITLE_LENGTH),
        player_loc: `${origin}/embed/${video.bvid}`,
        duration: seconds,
        publication_date: video.publishedAt,
        view_count: Number(video.stats?.views ?? 0),
        tag: (video.tags ?? []).slice(0, TAGS),
        family_friendly: 'yes',
        ...(video.uploader ? { uploader: clip(video.uploader.nickname, 255), 'uploader:info': `${origin}/space/${video.uploader.uid}` } : {}),
      },
    ],
  }
}

export function sitemapRoutes(app, sitemaps, { siteUrl, refreshMs }) {
  const maxAge = Math.max(60, Math.min(3600, Math.round(refreshMs / 1000)))

  app.get('/robots.txt', (req, res) => {
    const origin = siteOrigin(req, siteUrl)
    res
      .type('text/plain')
      .set('Cache-Control', 'public, max-age=3600')
      .send(
        [
          'User-agent: *',
          // The API, sign-in and a person's own pages are no business of a crawler.
          'Disallow: /api/',
          'Disallow: /oauth2/',
          'Disallow: /login',
          'Disallow: /upload',
          'Disallow: /history',
          'Disallow: /settings',
          'Disallow: /admin/',
          'Disallow: /search',
          '',
          `Sitemap: ${origin}/sitemap.xml`,
          '',
        ].join('\n'),
      )
  })

  const send = (req, res, gzipped) => {
    res.type('application/xml').set({ 'Cache-Control': `public, max-age=${maxAge}`, Vary: 'Accept-Encoding' })
    if (/\bgzip\b/i.test(req.get('Accept-Encoding') ?? '')) {
      res.set('Content-Encoding', 'gzip').send(gzipped)
    } else {
      res.send(gunzipSync(gzipped))
    }
  }

  app.get('/sitemap.xml', async (req, res) => {
    const copy = await sitemaps.copyFor(siteOrigin(req, siteUrl))
    send(req, res, copy.index)
  })

  app.get('/sitemaps/:name', async (req, res) => {
    if (!PAGE_NAME.test(req.params.name)) throw Problem.notFound('SITEMAP_NOT_FOUND', 'There is no such sitemap.')
    const copy = await sitemaps.copyFor(siteOrigin(req, siteUrl))
    const page = copy.pages.get(req.params.name)
    if (!page) throw Problem.notFound('SITEMAP_NOT_FOUND', 'There is no such sitemap.')
    send(req, res, page)
  })
}
