// Sharing, as the outside world meets OpenBili's links (the Node helper behind the gateway): a link-preview bot
// fetching a video page without JavaScript, an oEmbed consumer library from npm discovering the player, another
// site embedding the player in Chromium, a crawler reading the sitemaps (checked against their schemas), a
// browser getting resized covers, and a person using the share dialog. A video that failed processing stands for
// everything unpublished: nothing of it may show anywhere.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { extract } from '@extractus/oembed-extractor'
import { sitemapErrors } from '../../helper/test/support/sitemapSchema.js'
import { launchBrowser } from '../lib/browser.mjs'
import { makeTestVideo } from '../lib/testVideo.mjs'
import { apiCall, awaitState, register, uploadVideo } from '../lib/upload.mjs'

const BASE_URL = process.env.BASE_URL
const SCREENSHOTS = resolve(import.meta.dirname, '..', 'screenshots')
const run = Date.now().toString(36)
const title = `分享测试 ${run} "<猫>"`
const secretTitle = `处理失败的秘密 ${run}`
const PREVIEW_BOT = 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)'

/** The content of `<meta property|name=key>` in a page, as a preview bot reads it. */
function meta(html, key) {
  for (const tag of html.match(/<meta\b[^>]*>/g) ?? []) {
    if (new RegExp(`(?:property|name)="${key.replace(/[.:]/g, '\\$&')}"`).test(tag)) {
      return /content="([^"]*)"/.exec(tag)[1].replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)))
    }
  }
  return undefined
}

function locs(xml) {
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])
}

describe('sharing OpenBili links', { timeout: 10 * 60_000 }, () => {
  let browser
  let token
  let video
  let failedBvid
  let thirdParty

  before(async () => {
    assert.ok(BASE_URL, 'BASE_URL must name the running platform (run.mjs sets it)')
    mkdirSync(SCREENSHOTS, { recursive: true })
    const account = await register(BASE_URL, `share_${run}`, `分享UP${run.slice(-4)}`)
    token = account.accessToken
    const folder = mkdtempSync(join(tmpdir(), 'openbili-e2e-share-'))
    const bvid = await uploadVideo(BASE_URL, token, makeTestVideo(folder, 6), title)
    // bytes that are no video: ffprobe refuses them and the video ends FAILED, never published
    writeFileSync(join(folder, 'broken.mp4'), Buffer.from(`not a video ${run}`.repeat(2000)))
    failedBvid = await uploadVideo(BASE_URL, token, join(folder, 'broken.mp4'), secretTitle)
    video = await awaitState(BASE_URL, token, bvid, ['PUBLISHED'])
    await awaitState(BASE_URL, token, failedBvid, ['FAILED', 'REJECTED'])
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    thirdParty?.close()
  })

  test('the platform lists the helper UP', async () => {
    const deadline = Date.now() + 60_000
    let services
    do {
      services = await (await fetch(`${BASE_URL}/api/v1/system/services`)).json()
      if (services.services.some((s) => s.name === 'helper' && s.status === 'UP')) break
      await new Promise((r) => setTimeout(r, 1000))
    } while (Date.now() < deadline)
    assert.deepEqual(services.services.find((s) => s.name === 'helper'), { name: 'helper', status: 'UP' })
    assert.equal(services.status, 'UP')
  })

  test('a link-preview bot sees the real title, cover and duration without running any script', async () => {
    const response = await fetch(`${BASE_URL}/video/${video.bvid}`, { headers: { 'User-Agent': PREVIEW_BOT } })
    assert.equal(response.status, 200)
    const html = await response.text()
    assert.equal(meta(html, 'og:title'), title)
    assert.equal(meta(html, 'video:duration'), String(Math.round(video.durationMs / 1000)))
    const cover = meta(html, 'og:image')
    assert.equal(cover, `${BASE_URL}/img/1280x720/${video.coverUrl.replace(/^\/media\//, '')}`)
    const picture = await fetch(cover, { headers: { 'User-Agent': PREVIEW_BOT } })
    assert.equal(picture.status, 200)
    assert.equal(picture.headers.get('content-type'), 'image/jpeg', 'a bot that names no format gets JPEG')
    assert.equal(meta(html, 'og:video'), `${BASE_URL}/embed/${video.bvid}`)
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)[1])
    assert.equal(ld['@type'], 'VideoObject')
    assert.equal(ld.name, title)

    const hidden = await fetch(`${BASE_URL}/video/${failedBvid}`, { headers: { 'User-Agent': PREVIEW_BOT } })
    assert.equal(hidden.status, 404)
    assert.doesNotMatch(await hidden.text(), new RegExp(secretTitle))
  })

  test('an oEmbed consumer library discovers the player from the video’s URL', async () => {
    const data = await extract(`${BASE_URL}/video/${video.bvid}`)
    assert.equal(data.method, 'auto-discovery')
    assert.equal(data.type, 'video')
    assert.equal(data.title, title)
    assert.match(data.html, new RegExp(`^<iframe src="${BASE_URL}/embed/${video.bvid}"`))
    await assert.rejects(extract(`${BASE_URL}/video/${failedBvid}`))
  })

  test('another site embeds the player: it plays, and its danmaku can be switched off', async () => {
    await apiCall(BASE_URL, 'POST', `/api/v1/videos/${video.bvid}/danmaku`, token, {
      progressMs: 800,
      content: `嵌入弹幕${run.slice(-4)}`,
    })
    // a blog on another origin, served by a server of its own, pastes the player its oEmbed library found
    const { html } = await extract(`${BASE_URL}/video/${video.bvid}`)
    thirdParty = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(`<!doctype html><title>别人的博客</title><h1>我的博客</h1>${html}`)
    })
    await new Promise((r) => thirdParty.listen(0, '127.0.0.1', r))
    const blog = `http://127.0.0.1:${thirdParty.address().port}/`

    const context = await browser.newContext({ viewport: { width: 800, height: 600 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const errors = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(blog)
    const frame = page.frameLocator('iframe')
    const player = frame.locator('#video')
    await player.waitFor()
    const embedded = page.frames().find((f) => f.url().startsWith(`${BASE_URL}/embed/`))
    assert.ok(embedded, 'the iframe loaded the player')
    await embedded.evaluate(() => {
      const v = document.getElementById('video')
      v.muted = true
      return v.play()
    })
    await embedded.waitForFunction(() => document.getElementById('video').currentTime > 1.5, null, { timeout: 60_000 })
    await frame.locator('.danmaku', { hasText: `嵌入弹幕${run.slice(-4)}` }).waitFor({ state: 'attached', timeout: 20_000 })
    await page.screenshot({ path: join(SCREENSHOTS, 'embed-on-another-site.png') })
    await frame.locator('#danmaku-toggle').click()
    assert.equal(await frame.locator('#danmaku-toggle').getAttribute('aria-pressed'), 'false')
    assert.equal(await frame.locator('#danmaku-layer').isVisible(), false)
    assert.deepEqual(errors, [])
    await context.close()
  })

  test('the sitemap index and its pages are valid, and list the published video but not the failed one', async () => {
    const deadline = Date.now() + 60_000
    let listed = []
    do {
      listed = []
      const index = await (await fetch(`${BASE_URL}/sitemap.xml`)).text()
      assert.deepEqual(await sitemapErrors(index), [])
      for (const page of locs(index)) {
        const xml = await (await fetch(page)).text()
        assert.deepEqual(await sitemapErrors(xml), [], page)
        listed.push(...locs(xml))
      }
      if (listed.includes(`${BASE_URL}/video/${video.bvid}`)) break
      await new Promise((r) => setTimeout(r, 1000))
    } while (Date.now() < deadline)
    assert.ok(listed.includes(`${BASE_URL}/video/${video.bvid}`), 'the published video is listed')
    assert.ok(!listed.includes(`${BASE_URL}/video/${failedBvid}`), 'the failed video is not')
    assert.ok(listed.includes(`${BASE_URL}/space/${video.uploader.uid}`), 'its uploader’s space is listed')
    const robots = await (await fetch(`${BASE_URL}/robots.txt`)).text()
    assert.match(robots, new RegExp(`^Sitemap: ${BASE_URL}/sitemap.xml$`, 'm'))
  })

  test('a browser gets covers as 320×180 WebP, and a 304 for what it has', async () => {
    const context = await browser.newContext({ baseURL: BASE_URL })
    const page = await context.newPage()
    await page.goto('/')
    const key = video.coverUrl.replace(/^\/media\//, '')
    const url = `${BASE_URL}/img/320x180/${key}`
    const [response, size] = await Promise.all([
      page.waitForResponse(url),
      page.evaluate(
        (src) =>
          new Promise((done, fail) => {
            const img = new Image()
            img.onload = () => done([img.naturalWidth, img.naturalHeight])
            img.onerror = fail
            img.src = src
          }),
        url,
      ),
    ])
    assert.deepEqual(size, [320, 180])
    const headers = await response.allHeaders()
    assert.equal(headers['content-type'], 'image/webp')
    const etag = headers.etag
    assert.ok(etag, 'the picture has an ETag')
    const again = await fetch(url, { headers: { Accept: 'image/avif,image/webp,*/*', 'If-None-Match': etag } })
    assert.equal(again.status, 304)
    await context.close()
  })

  test('the share dialog gives the link, a QR code of it and the embed code; cards show resized covers', async () => {
    const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(`/video/${video.bvid}`)
    await page.getByTestId('share').click()
    const dialog = page.getByTestId('share-dialog')
    await dialog.waitFor()
    assert.equal(await page.getByTestId('share-link').inputValue(), `${BASE_URL}/video/${video.bvid}`)
    await page.waitForFunction(() => document.querySelector('[data-test="share-qr"]')?.naturalWidth === 320)
    assert.match(await page.getByTestId('share-embed').inputValue(), new RegExp(`/embed/${video.bvid}"`))
    await page.screenshot({ path: join(SCREENSHOTS, 'share-dialog.png') })
    await page.keyboard.press('Escape')

    await page.goto('/')
    const card = page.getByTestId('video-card').filter({ hasText: title }).locator('img')
    // a guest's 推荐 is a snapshot shared for 30 s of a blend reused for 10 s: the new video is in it within 40 s
    for (let tries = 1; !(await card.waitFor({ timeout: 5_000 }).then(() => true, () => false)); tries++) {
      assert.ok(tries < 12, 'the new video reaches a guest’s 推荐 within a minute')
      await page.reload()
    }
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await card.elementHandle())
    assert.match(await card.evaluate((img) => img.currentSrc), /\/img\/\d+x\d+\/videos\//)
    await context.close()
  })
})
