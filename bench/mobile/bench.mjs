// bench/mobile: the mobile client's cost to a phone, each number beside the web client's measured in the same run.
//  1. gzip bytes of the JavaScript and CSS the first page loads: /m/ (首页) against the web client's / ;
//  2. time from navigation to the first video card on screen at 390×844 with Chromium's "Fast 3G" profile
//     (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up), cold cache, medians of RUNS (default 3);
//  3. the mini-program's main package (mobile/dist/build/mp-weixin) against WeChat's 2 MB limit.
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchBrowser } from '../../e2e/lib/browser.mjs'
import { repoRoot, startPlatform } from '../../e2e/lib/platform.mjs'
import { makeTestVideo } from '../../e2e/lib/testVideo.mjs'
import { awaitState, register, uploadVideo } from '../../e2e/lib/upload.mjs'

const RUNS = Number(process.env.RUNS ?? 3)
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' }
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 }
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024
const CLIENTS = {
  mobile: { path: '/m/', card: '.video-card' },
  web: { path: '/', card: '[data-test="video-card"]' },
}

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

let platform = null
let baseUrl = process.env.BASE_URL
if (!baseUrl) {
  console.log('bench/mobile: starting the platform …')
  platform = await startPlatform({ extraEnv: { REVIEW_MODE: 'auto' } })
  baseUrl = platform.baseUrl
}

try {
  // A published video, so that both home pages have a card to show.
  const name = `bm_${Date.now().toString(36)}`
  const { accessToken } = await register(baseUrl, name, name)
  const bvid = await uploadVideo(baseUrl, accessToken, makeTestVideo(mkdtempSync(join(tmpdir(), 'openbili-bench-')), 4), '手机基准视频')
  await awaitState(baseUrl, accessToken, bvid, ['PUBLISHED'])

  const browser = await launchBrowser()
  const results = { runs: RUNS, package: mainPackage() }
  try {
    for (const [client, { path, card }] of Object.entries(CLIENTS)) {
      const bytes = await firstPageBytes(browser, path, card)
      const times = []
      for (let i = 0; i < RUNS; i++) times.push(await timeToFirstCard(browser, path, card))
      results[client] = { ...bytes, firstCardMs: median(times), firstCardRuns: times }
    }
  } finally {
    await browser.close()
  }
  report(results)
} finally {
  await platform?.stop()
}

/** gzip -9 size of every script and stylesheet of this site the page loads until its first card shows. */
async function firstPageBytes(browser, path, card) {
  const context = await browser.newContext({ baseURL: baseUrl, ...PHONE })
  const page = await context.newPage()
  const assets = []
  page.on('response', (response) => {
    const type = response.request().resourceType()
    if ((type === 'script' || type === 'stylesheet') && response.url().startsWith(baseUrl)) assets.push({ type, response })
  })
  await page.goto(path, { waitUntil: 'networkidle' })
  await page.locator(card).first().waitFor()
  let js = 0
  let css = 0
  for (const { type, response } of assets) {
    const size = gz(await response.body())
    if (type === 'script') js += size
    else css += size
  }
  await context.close()
  return { files: assets.length, js, css }
}

/** Navigation start to the first video card visible, on a cold cache over Fast 3G. */
async function timeToFirstCard(browser, path, card) {
  const context = await browser.newContext({ baseURL: baseUrl, ...PHONE })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', FAST_3G)
  const started = Date.now()
  await page.goto(path, { waitUntil: 'commit' })
  await page.locator(card).first().waitFor({ timeout: 120_000 })
  const elapsed = Date.now() - started
  await context.close()
  return elapsed
}

function mainPackage() {
  const root = join(repoRoot, 'mobile', 'dist', 'build', 'mp-weixin')
  const files = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? files(path) : [path]
    })
  const bytes = files(root).reduce((sum, file) => sum + statSync(file).size, 0)
  return { bytes, limit: MAIN_PACKAGE_LIMIT }
}

function report(results) {
  const { mobile, web, package: pkg } = results
  const rows = [
    ['', 'mobile /m/', 'web /', 'mobile/web'],
    ['first page JS (gzip)', kb(mobile.js), kb(web.js), (mobile.js / web.js).toFixed(2)],
    ['first page CSS (gzip)', kb(mobile.css), kb(web.css), (mobile.css / web.css).toFixed(2)],
    [`first card, Fast 3G (median of ${RUNS})`, `${mobile.firstCardMs} ms`, `${web.firstCardMs} ms`, (mobile.firstCardMs / web.firstCardMs).toFixed(2)],
  ]
  console.log(rows.map((row) => row.map((cell, i) => String(cell).padEnd(i ? 14 : 36)).join('')).join('\n'))
  console.log(`mp-weixin main package: ${kb(pkg.bytes)} of WeChat's ${kb(pkg.limit)} (${((100 * pkg.bytes) / pkg.limit).toFixed(1)} %)`)
  const out = join(repoRoot, 'bench', 'results')
  mkdirSync(out, { recursive: true })
  const file = join(out, `mobile-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify(results, null, 2))
  console.log(`bench/mobile: results in ${file}`)
}
