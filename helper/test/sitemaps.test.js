import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import request from 'supertest'
import { VIDEOS_PER_PAGE } from '../src/sitemaps.js'
import { helperApp } from './support/helper.js'
import { sitemapErrors } from './support/sitemapSchema.js'
import { startUpstream } from './support/upstream.js'

const origin = 'https://www.example.com'

/** Each <loc> of a document, in order. */
function locs(xml) {
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])
}

async function xmlAt(app, url) {
  const response = await request(app).get(new URL(url).pathname).expect(200)
  assert.equal(response.type, 'application/xml')
  return response.text
}

describe('robots.txt and the sitemaps', () => {
  let upstream
  let app
  let unpublished
  const published = []

  before(async () => {
    upstream = await startUpstream()
    for (let i = 0; i < VIDEOS_PER_PAGE + 50; i++) {
      published.push(
        upstream.addVideo({ uploader: { uid: String(5000 + (i % 7)), nickname: `UP${i % 7}`, avatarUrl: null } }).bvid,
      )
    }
    published.at(-1) && Object.assign(upstream.state.videos.at(-1), { title: 'x'.repeat(300), description: '', tags: [] })
    unpublished = upstream.addVideo({ title: '审核中', state: 'REVIEW' }).bvid
    ;({ app } = helperApp(upstream, { SITE_URL: origin, SITEMAP_REFRESH: '1s' }))
  })

  after(() => upstream.close())

  test('robots.txt points at the sitemap and keeps crawlers off the API and personal pages', async () => {
    const response = await request(app).get('/robots.txt').expect(200)
    assert.equal(response.type, 'text/plain')
    assert.match(response.text, /^User-agent: \*$/m)
    assert.match(response.text, /^Disallow: \/api\/$/m)
    assert.match(response.text, new RegExp(`^Sitemap: ${origin}/sitemap.xml$`, 'm'))
  })

  test('the index and every page are valid by the schemas, and list each published video once, in pages', async () => {
    const index = await xmlAt(app, `${origin}/sitemap.xml`)
    assert.deepEqual(await sitemapErrors(index), [])
    const pages = locs(index)
    assert.deepEqual(pages, [
      `${origin}/sitemaps/site.xml`,
      `${origin}/sitemaps/videos-1.xml`,
      `${origin}/sitemaps/videos-2.xml`,
      `${origin}/sitemaps/spaces-1.xml`,
    ])
    const listed = []
    for (const page of pages) {
      const xml = await xmlAt(app, page)
      assert.deepEqual(await sitemapErrors(xml), [], page)
      listed.push(...locs(xml))
    }
    const videos = listed.filter((url) => url.includes('/video/')).map((url) => url.split('/').pop())
    assert.equal(videos.length, published.length)
    assert.deepEqual(new Set(videos), new Set(published))
    assert.ok(!videos.includes(unpublished), 'a video in review is not listed')
    assert.deepEqual(
      listed.filter((url) => url.includes('/space/')).sort(),
      [0, 1, 2, 3, 4, 5, 6].map((i) => `${origin}/space/${5000 + i}`),
    )
    assert.ok(listed.includes(`${origin}/`))
  })

  test('a page of videos carries the video extension: thumbnail, title, player, duration, date', async () => {
    const xml = await xmlAt(app, `${origin}/sitemaps/videos-1.xml`)
    const newest = upstream.state.videos.filter((v) => v.state === 'PUBLISHED').at(-1)
    const entry = xml.slice(xml.indexOf(`<loc>${origin}/video/${newest.bvid}</loc>`))
    assert.match(entry, /<video:thumbnail_loc>https:\/\/www\.example\.com\/img\/1280x720\/videos\/\d+\/1\/cover\.jpg<\/video:thumbnail_loc>/)
    assert.match(entry, new RegExp(`<video:player_loc>${origin}/embed/${newest.bvid}</video:player_loc>`))
    assert.match(entry, /<video:duration>65<\/video:duration>/)
    assert.match(entry, /<video:title>x{99}…<\/video:title>/, 'titles are cut to the extension’s 100 characters')
  })

  test('gzip for crawlers that ask for it, an unknown page is a 404 problem', async () => {
    // superagent unzips what it is sent, as a crawler's client does
    const zipped = await request(app).get('/sitemaps/site.xml').set('Accept-Encoding', 'gzip').expect(200)
    assert.equal(zipped.headers['content-encoding'], 'gzip')
    assert.match(zipped.text, /<urlset/)
    const plain = await request(app).get('/sitemaps/site.xml').set('Accept-Encoding', 'identity').expect(200)
    assert.equal(plain.headers['content-encoding'], undefined)
    assert.match(plain.text, /<urlset/)
    for (const path of ['/sitemaps/videos-3.xml', '/sitemaps/videos-0.xml', '/sitemaps/..%2Fetc.xml', '/sitemaps/spaces-x.xml']) {
      const response = await request(app).get(path).expect(404)
      assert.equal(response.body.code ?? JSON.parse(response.text).code, 'SITEMAP_NOT_FOUND', path)
    }
  })

  test('a newly published video appears once the copy has aged (SITEMAP_REFRESH), without a request waiting for it', async () => {
    const fresh = upstream.addVideo({ uploader: { uid: '7777', nickname: '新UP', avatarUrl: null } })
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const deadline = Date.now() + 10_000
    let spaces
    do {
      spaces = locs(await xmlAt(app, `${origin}/sitemaps/spaces-1.xml`))
      if (spaces.includes(`${origin}/space/7777`)) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    } while (Date.now() < deadline)
    assert.ok(spaces.includes(`${origin}/space/7777`))
    const listed = locs(await xmlAt(app, `${origin}/sitemaps/videos-1.xml`))
    assert.equal(listed[0], `${origin}/video/${fresh.bvid}`, 'newest first')
  })
})
