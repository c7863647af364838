// bench/web: the web client's cost to a visitor, each number beside a baseline measured in the same run.
//  1. gzip bytes of the JavaScript and CSS the home page loads, against importing all of Element Plus;
//  2. first contentful paint of the home page, against the same index.html with its scripts taken out;
//  3. time from navigation to the first video frame on the video page, against a bare page that only runs
//     hls.js on the same playlist.
// Cold cache for every run (a new browser context); medians over RUNS (default 5).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchBrowser } from '../../e2e/lib/browser.mjs'
import { repoRoot, startPlatform } from '../../e2e/lib/platform.mjs'
import { makeTestVideo } from '../../e2e/lib/testVideo.mjs'

const RUNS = Number(process.env.RUNS ?? 5)
const here = import.meta.dirname
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const ms = (value) => `${Math.round(value)} ms`
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

let platform = null
let baseUrl = process.env.BASE_URL
if (!baseUrl) {
  console.log('bench/web: starting the platform …')
  platform = await startPlatform({ extraEnv: { REVIEW_MODE: 'auto' } })
  baseUrl = platform.baseUrl
}

try {
  const bvid = await publishTestVideo(baseUrl)
  const browser = await launchBrowser()
  try {
    const bytes = await firstPageBytes(browser)
    const fcp = await firstContentfulPaint(browser)
    const frame = await timeToFirstFrame(browser, bvid)
    report({ bytes, fcp, frame })
  } finally {
    await browser.close()
  }
} finally {
  await platform?.stop()
}

/** Signs up a bench user, uploads a test video over tus and waits until it is published. */
async function publishTestVideo(base) {
  const name = `bench_${Date.now().toString(36)}`
  const auth = await api(base, 'POST', '/api/v1/auth/register', { username: name, password: `pw-${name}-x`, nickname: name })
  const token = auth.accessToken
  const file = readFileSync(makeTestVideo(mkdtempSync(join(tmpdir(), 'openbili-bench-')), 10))
  const metadata = `filename ${Buffer.from('bench.mp4').toString('base64')}`
  const created = await fetch(`${base}/api/v1/uploads`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(file.length), 'Upload-Metadata': metadata },
  })
  if (created.status !== 201) throw new Error(`tus creation answered ${created.status}: ${await created.text()}`)
  const location = new URL(created.headers.get('Location'), base).toString()
  const patched = await fetch(location, {
    method: 'PATCH',
    headers: {
      Authorization: `Bearer ${token}`,
      'Tus-Resumable': '1.0.0',
      'Upload-Offset': '0',
      'Content-Type': 'application/offset+octet-stream',
    },
    body: file,
  })
  if (patched.status !== 204) throw new Error(`tus PATCH answered ${patched.status}: ${await patched.text()}`)
  const uploadId = location.replace(/\/+$/, '').split('/').pop()
  const { bvid } = await api(base, 'POST', '/api/v1/videos', { uploadId, title: '基准测试视频', description: '', partition: 'anime', tags: [] }, token)
  const deadline = Date.now() + 300_000
  while (Date.now() < deadline) {
    const video = await api(base, 'GET', `/api/v1/videos/${bvid}`, undefined, token)
    if (video.state === 'PUBLISHED') return bvid
    if (['FAILED', 'REJECTED', 'REVIEW'].includes(video.state)) {
      throw new Error(`the bench video ended ${video.state} (${video.stateReason ?? ''}); run with REVIEW_MODE=auto`)
    }
    await new Promise((r) => setTimeout(r, 2000))
  }
  throw new Error('the bench video was not published within 5 minutes')
}

async function api(base, method, path, body, token) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`)
  return response.json()
}

/** gzip -9 size of every script and stylesheet the home page loads, against all of Element Plus. */
async function firstPageBytes(browser) {
  const context = await browser.newContext({ baseURL: baseUrl })
  const page = await context.newPage()
  const assets = []
  page.on('response', (response) => {
    const type = response.request().resourceType()
    if ((type === 'script' || type === 'stylesheet') && response.url().startsWith(baseUrl)) assets.push({ type, response })
  })
  await page.goto('/', { waitUntil: 'networkidle' })
  let js = 0
  let css = 0
  for (const { type, response } of assets) {
    const size = gz(await response.body())
    if (type === 'script') js += size
    else css += size
  }
  await context.close()
  const elementPlus = join(repoRoot, 'web', 'node_modules', 'element-plus', 'dist')
  return {
    files: assets.length,
    js,
    css,
    baselineJs: gz(readFileSync(join(elementPlus, 'index.full.min.js'))),
    baselineCss: gz(readFileSync(join(elementPlus, 'index.css'))),
  }
}

/** FCP of the home page, and of the same index.html with its scripts removed (the server's and browser's floor). */
async function firstContentfulPaint(browser) {
  const ours = []
  const floor = []
  for (let i = 0; i < RUNS; i++) {
    ours.push(await paintOf(browser, '/'))
    floor.push(await paintOf(browser, '/__bench/static-shell'))
  }
  return { ours: median(ours), floor: median(floor), runs: ours }
}

async function paintOf(browser, path) {
  const context = await browser.newContext({ baseURL: baseUrl })
  const page = await context.newPage()
  await page.route('**/__bench/static-shell', async (route) => {
    // The real index.html, fetched from the gateway, without the app: what painting costs with no JavaScript.
    const html = await (await route.fetch({ url: `${baseUrl}/` })).text()
    const shell = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<link rel="modulepreload"[^>]*>/g, '')
    await route.fulfill({ contentType: 'text/html', body: shell })
  })
  await page.goto(path, { waitUntil: 'load' })
  const fcp = await page.evaluate(
    () =>
      new Promise((done) => {
        const found = performance.getEntriesByName('first-contentful-paint')[0]
        if (found) return done(found.startTime)
        new PerformanceObserver((list) => done(list.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true })
      }),
  )
  await context.close()
  return fcp
}

/**
 * From navigation start to the first frame presented (requestVideoFrameCallback), muted playback started by
 * the same harness on both pages as soon as the <video> exists.
 */
async function timeToFirstFrame(browser, bvid) {
  const video = await api(baseUrl, 'GET', `/api/v1/videos/${bvid}`)
  const hls = readFileSync(resolve(here, 'node_modules', 'hls.js', 'dist', 'hls.min.js'))
  const ours = []
  const floor = []
  for (let i = 0; i < RUNS; i++) {
    ours.push(await firstFrame(browser, `/video/${bvid}`, hls, video.playUrl))
    floor.push(await firstFrame(browser, '/__bench/bare-player', hls, video.playUrl))
  }
  return { ours: median(ours), floor: median(floor), runs: ours }
}

async function firstFrame(browser, path, hls, playUrl) {
  const context = await browser.newContext({ baseURL: baseUrl })
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const video = document.querySelector('video')
      if (!video) return
      observer.disconnect()
      video.muted = true
      video.requestVideoFrameCallback(() => (window.__firstFrame = performance.now()))
      const play = () => video.play().catch(() => setTimeout(play, 50))
      play()
    }).observe(document, { childList: true, subtree: true })
  })
  const page = await context.newPage()
  await page.route('**/__bench/hls.js', (route) => route.fulfill({ contentType: 'text/javascript', body: hls }))
  await page.route('**/__bench/bare-player', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><video style="width:960px;aspect-ratio:16/9"></video><script src="/__bench/hls.js"></script>
        <script>const h = new Hls(); h.loadSource(${JSON.stringify(playUrl)}); h.attachMedia(document.querySelector('video'))</script>`,
    }),
  )
  await page.goto(path)
  const at = await page.waitForFunction(() => window.__firstFrame, null, { timeout: 60_000 })
  const value = await at.jsonValue()
  await context.close()
  return value
}

function report(results) {
  const { bytes, fcp, frame } = results
  const rows = [
    ['home page JS (gzip)', kb(bytes.js), `all of Element Plus JS: ${kb(bytes.baselineJs)}`],
    ['home page CSS (gzip)', kb(bytes.css), `all of Element Plus CSS: ${kb(bytes.baselineCss)}`],
    ['home page first contentful paint', ms(fcp.ours), `index.html without scripts: ${ms(fcp.floor)}`],
    ['video page: first video frame', ms(frame.ours), `bare hls.js page: ${ms(frame.floor)}`],
  ]
  console.log(`\nbench/web (${RUNS} cold runs each, medians; ${bytes.files} JS/CSS files on the home page)`)
  for (const [name, ours, baseline] of rows) console.log(`  ${name.padEnd(36)} ${ours.padStart(10)}   vs ${baseline}`)
  const folder = join(repoRoot, 'bench', 'results')
  mkdirSync(folder, { recursive: true })
  const file = join(folder, `web-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify({ runs: RUNS, ...results }, null, 2))
  console.log(`  results: ${file}`)
}
