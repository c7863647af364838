// What a person does on the site, in Chromium against a running platform (BASE_URL, set by run.mjs):
// sign up, upload a video and watch it being processed, play it, send a danmaku, comment, like, find
// the video in the uploader's space and by search, on the 热门 and 推荐 tabs, in the 排行榜 and in its tag's
// channel. Every main page is photographed, and no page may log a console error.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { launchBrowser } from '../lib/browser.mjs'
import { makeTestVideo } from '../lib/testVideo.mjs'

const BASE_URL = process.env.BASE_URL
const SCREENSHOTS = resolve(import.meta.dirname, '..', 'screenshots')
const ADMIN = { username: process.env.ADMIN_USERNAME, password: process.env.ADMIN_PASSWORD }
const run = Date.now().toString(36)
const user = { username: `e2e_${run}`, password: `pw-${run}-secret`, nickname: `测试UP${run.slice(-5)}` }
// A title with a Chinese word to search for and a unique ASCII word, so search finds exactly this video.
const title = `弹幕动漫测试 ${run}`

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const consoleErrors = []
let bvid
let uid

async function shoot(name) {
  // Transitions are finished first, so a progress bar at 100% is drawn full.
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' })
}

function watchConsole(target, label) {
  target.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`[${label}] ${target.url()}: ${message.text()}`)
  })
  target.on('pageerror', (error) => consoleErrors.push(`[${label}] ${target.url()}: ${error.message}`))
}

describe('OpenBili in the browser', { timeout: 15 * 60_000 }, () => {
  before(async () => {
    assert.ok(BASE_URL, 'BASE_URL must name the running platform (run.mjs sets it)')
    mkdirSync(SCREENSHOTS, { recursive: true })
    browser = await launchBrowser()
    const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    page = await context.newPage()
    page.setDefaultTimeout(30_000)
    watchConsole(page, 'desktop')
  })

  after(async () => {
    await browser?.close()
  })

  test('the home page shows the partition tabs in Chinese', async () => {
    await page.goto('/')
    for (const tab of ['推荐', '热门', '动漫', '知识', '影视', '直播', '新闻']) {
      await page.getByRole('tab', { name: tab, exact: true }).waitFor()
    }
    await page.getByPlaceholder('搜索你感兴趣的视频').waitFor()
    await shoot('home-empty')
  })

  test('a new visitor signs up and is signed in', async () => {
    await page.getByTestId('login-link').click()
    await page.getByRole('tab', { name: '注册' }).click()
    await page.getByLabel('用户名').fill(user.username)
    await page.getByLabel('密码').fill(user.password)
    await page.getByLabel('昵称').fill(user.nickname)
    await shoot('login')
    await page.getByTestId('auth-submit').click()
    await page.getByTestId('avatar-menu').waitFor()
    uid = await page.evaluate(() => {
      const { accessToken } = JSON.parse(localStorage.getItem('openbili.tokens'))
      return JSON.parse(atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub
    })
    assert.match(uid, /^\d+$/)
  })

  test('uploading a video: the upload and then its processing reach 100%', async () => {
    const video = makeTestVideo(mkdtempSync(join(tmpdir(), 'openbili-e2e-video-')), 20)
    await page.getByTestId('upload-link').click()
    await page.locator('[data-test="dropzone"] input[type=file]').setInputFiles(video)

    await page.getByTestId('title-input').fill(title)
    await page.getByPlaceholder('请选择分区').click()
    await page.locator('.el-cascader-node').filter({ hasText: '动漫' }).click()
    await page.locator('.el-cascader-node').filter({ hasText: '番剧' }).click()
    await page.getByTestId('tags-input').fill('测试')
    await page.keyboard.press('Enter')

    await page.locator('[data-test="upload-progress"][data-percent="100"]').waitFor({ timeout: 120_000 })
    await shoot('upload')
    await page.getByTestId('submit-video').click()
    await page
      .locator('[data-test="processing-progress"][data-percent="100"][data-state="PUBLISHED"]')
      .waitFor({ timeout: 300_000 })
    await shoot('upload-processed')
    await page.getByTestId('watch-link').click()
    await page.waitForURL(/\/video\/BV\w+/)
    bvid = new URL(page.url()).pathname.split('/').pop()
    // Interaction learns of a published video from the video service's events, so it may not know it yet:
    // wait until it does (a person reading the page gives it the same time) before liking and danmaku.
    const deadline = Date.now() + 90_000
    while (!(await page.request.get(`/api/v1/videos/${bvid}/danmaku?segment=1`)).ok()) {
      assert.ok(Date.now() < deadline, 'the interaction service never learnt of the published video')
      await page.waitForTimeout(500)
    }
  })

  test('the video plays: time advances and the picture is not black', async () => {
    await page.getByTestId('video-title').filter({ hasText: title }).waitFor()
    await page.getByTestId('play-toggle').click()
    await page.waitForFunction(() => document.querySelector('[data-test="video"]').currentTime > 1.5, null, {
      timeout: 60_000,
    })
    const brightness = await page.evaluate(() => {
      const video = document.querySelector('[data-test="video"]')
      const canvas = document.createElement('canvas')
      canvas.width = 64
      canvas.height = 36
      const context = canvas.getContext('2d')
      context.drawImage(video, 0, 0, canvas.width, canvas.height)
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
      let sum = 0
      for (let i = 0; i < data.length; i += 4) sum += data[i] + data[i + 1] + data[i + 2]
      return sum / (data.length / 4) / 3
    })
    assert.ok(brightness > 20, `the frame is nearly black (mean brightness ${brightness.toFixed(1)})`)
  })

  test('the quality can be switched and the seek bar previews the picture', async () => {
    await page.getByTestId('player').hover()
    await page.getByTestId('quality').click()
    for (const quality of ['720P', '480P', '360P', '自动']) {
      await page.getByRole('menuitem', { name: quality }).waitFor()
    }
    for (const [label, height] of [
      ['720P', 720],
      ['360P', 360],
    ]) {
      if (label !== '720P') {
        await page.getByTestId('player').hover()
        await page.getByTestId('quality').click()
      }
      await page.getByRole('menuitem', { name: label }).click()
      await page.getByTestId('quality').filter({ hasText: label }).waitFor()
      await page.waitForFunction((h) => document.querySelector('[data-test="video"]').videoHeight === h, height, {
        timeout: 30_000,
      })
    }

    const bar = await page.getByTestId('seek-bar').boundingBox()
    await page.mouse.move(bar.x + bar.width * 0.6, bar.y + bar.height / 2)
    const tile = page.locator('[data-test="seek-preview"] .tile')
    await tile.waitFor()
    assert.match(await tile.evaluate((el) => el.style.backgroundImage), /url\(/)
  })

  test('a danmaku sent by the viewer flies over the picture, and reaches another viewer live', async () => {
    // Someone else, not signed in, is watching the same video.
    const other = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const viewer = await other.newPage()
    watchConsole(viewer, 'viewer')
    await viewer.goto(`/video/${bvid}`)
    await viewer.getByTestId('play-toggle').click()
    await viewer.waitForFunction(() => document.querySelector('[data-test="video"]').currentTime > 0.5)

    // Danmaku fly while the video plays (it may have reached its end by now: play starts it again).
    if (await page.evaluate(() => document.querySelector('[data-test="video"]').paused)) {
      await page.getByTestId('play-toggle').click()
    }
    await page.waitForFunction(() => !document.querySelector('[data-test="video"]').paused)

    const text = `前方高能${run.slice(-4)}`
    await page.getByTestId('danmaku-input').fill(text)
    await page.getByTestId('danmaku-send').click()
    const flying = page.locator('[data-test="danmaku-stage"] .danmaku-item', { hasText: text })
    await flying.waitFor({ state: 'visible', timeout: 10_000 })
    const box = await flying.boundingBox()
    const stage = await page.getByTestId('danmaku-stage').boundingBox()
    assert.ok(box && stage && box.x < stage.x + stage.width && box.x + box.width > stage.x, 'the danmaku is on screen')
    await page.evaluate(() => window.scrollTo(0, 0))
    await shoot('video')

    await viewer
      .locator('[data-test="danmaku-stage"] .danmaku-item', { hasText: text })
      .waitFor({ state: 'attached', timeout: 5000 })
    await other.close()
  })

  test('a comment is listed under the video', async () => {
    const text = `第一次评论：<b>不是HTML</b> ${run}`
    await page.getByTestId('comment-input').fill(text)
    await page.getByTestId('comment-post').click()
    const listed = page.getByTestId('comment-content').filter({ hasText: text })
    await listed.waitFor()
    assert.equal(await page.locator('[data-test="comment-content"] b').count(), 0, 'comment text is never markup')
  })

  test('liking the video changes its count', async () => {
    const before = Number(await page.getByTestId('like-count').textContent())
    await page.getByTestId('like').click()
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-test="like-count"]').textContent) === n + 1,
      before,
    )
    assert.equal(await page.getByTestId('like').getAttribute('aria-pressed'), 'true')
  })

  test('the video is in the uploader’s space', async () => {
    await page.goto(`/space/${uid}`)
    await page.getByTestId('space-name').filter({ hasText: user.nickname }).waitFor()
    await page.getByTestId('video-card').filter({ hasText: title }).waitFor()
    await shoot('space')
  })

  test('search suggests the title while typing, and finds the video by a Chinese word of it', async () => {
    await page.goto('/')
    const box = page.getByPlaceholder('搜索你感兴趣的视频')
    await box.pressSequentially('弹幕动漫', { delay: 50 })
    await page.locator('.search-suggestions li', { hasText: title }).click()
    await page.waitForURL(/\/search\?keyword=/)
    await page.getByTestId('search-result').filter({ hasText: run }).first().waitFor({ timeout: 60_000 })

    await box.fill('动漫')
    await box.press('Enter')
    await page.waitForURL((url) => url.searchParams.get('keyword') === '动漫')
    const found = page.getByTestId('search-result').filter({ hasText: run })
    await found.first().waitFor({ timeout: 60_000 })
    assert.equal(await found.first().locator('em.keyword').first().textContent(), '动漫', 'the matched word is marked')
    await shoot('search')
  })

  test('热门 and a guest’s 推荐 show the video, 排行榜 ranks it in its partition, and its tag is a channel', async () => {
    // The video was played and liked above: the hot-list stream puts it into today's hot list within seconds.
    await page.goto('/')
    await page.getByRole('tab', { name: '热门', exact: true }).click()
    await page.waitForURL(/tab=hot/)
    await page.getByTestId('video-card').filter({ hasText: title }).waitFor({ timeout: 60_000 })
    await shoot('home-hot')

    // A guest's 推荐 is the fresh-and-hot blend of every partition (the uploader's own leaves out their videos).
    const guestContext = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    const guest = await guestContext.newPage()
    watchConsole(guest, 'guest')
    await guest.goto('/?tab=hot')
    await guest.getByRole('tab', { name: '推荐', exact: true }).click()
    await guest.getByTestId('video-card').filter({ hasText: title }).waitFor({ timeout: 60_000 })
    await guest.screenshot({ path: join(SCREENSHOTS, 'home-recommend.png'), animations: 'disabled' })
    await guestContext.close()

    await page.getByTestId('ranking-link').click()
    await page.waitForURL(/\/ranking/)
    await page.getByTestId('ranking-title').filter({ hasText: title }).waitFor({ timeout: 60_000 })
    await page.getByTestId('ranking-partitions').getByText('动漫', { exact: true }).click()
    await page.waitForURL(/partition=anime/)
    await page.getByTestId('ranking-windows').getByText('周榜', { exact: true }).click()
    await page.waitForURL(/window=week/)
    const entry = page.getByTestId('ranking-entry').filter({ hasText: title })
    await entry.waitFor()
    // other suites upload to 动漫 too: the video is on the week's list, numbered by its place there
    const place = (await page.getByTestId('ranking-entry').allTextContents()).findIndex((text) => text.includes(title)) + 1
    assert.equal((await entry.locator('.rank').textContent()).trim(), String(place), 'the video is ranked in 动漫 this week')
    await shoot('ranking')

    await page.goto('/')
    await page.getByTestId('channels-link').click()
    await page.getByTestId('channel-card').filter({ hasText: '# 测试' }).click()
    await page.getByTestId('channel-name').filter({ hasText: '测试' }).waitFor()
    await page.getByTestId('video-card').filter({ hasText: title }).waitFor()
    await page.getByTestId('subscribe-button').click()
    await page.getByTestId('subscribe-button').filter({ hasText: '已订阅' }).waitFor()
    await page.getByTestId('channel-counts').filter({ hasText: '1 人订阅' }).waitFor()
    await shoot('channel')
  })

  test('history, settings and the creator center open', async () => {
    await page.goto('/history')
    // Playing the video sent heartbeats, which put it in the history.
    await page.getByTestId('history-entry').filter({ hasText: title }).waitFor()
    await shoot('history')
    await page.goto('/settings')
    await page.getByTestId('nickname-input').waitFor()
    await shoot('settings')
    await page.goto('/upload?tab=manage')
    await page.getByTestId('my-upload').filter({ hasText: title }).waitFor()
    await page.getByTestId('upload-state').filter({ hasText: '已发布' }).first().waitFor()
    await shoot('creator-manage')
    await page.goto('/upload?tab=data')
    await page.locator('[data-test="views-chart"] canvas').waitFor()
    await shoot('creator-data')
  })

  test('an admin opens the review queue', async () => {
    assert.ok(ADMIN.username && ADMIN.password, 'run.mjs creates the first admin account')
    await page.getByTestId('avatar-menu').click()
    await page.getByTestId('logout').click()
    await page.getByTestId('login-link').waitFor()
    await page.goto('/login?redirect=/admin/reviews')
    await page.getByLabel('用户名').fill(ADMIN.username)
    await page.getByLabel('密码').fill(ADMIN.password)
    await page.getByTestId('auth-submit').click()
    await page.waitForURL(/\/admin\/reviews/)
    await page.getByRole('heading', { name: '稿件审核' }).waitFor()
    // With automatic review nothing waits for an admin.
    await page.getByText('审核队列是空的').waitFor()
    await shoot('admin-reviews')
  })

  test('the video page fits a phone', async () => {
    const phone = await browser.newContext({
      baseURL: BASE_URL,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    })
    const mobile = await phone.newPage()
    watchConsole(mobile, 'phone')
    await mobile.goto(`/video/${bvid}`)
    await mobile.getByTestId('video-title').waitFor()
    // A signed-out viewer gets the stored danmaku and sees the comment too.
    await mobile.getByTestId('danmaku-loaded').filter({ hasText: '已装填 1 条弹幕' }).waitFor()
    await mobile.getByTestId('comment-content').first().waitFor()
    const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`)
    // One column, read from the top: the uploader, the title and the player, the comments, then related videos.
    await mobile.getByTestId('related').waitFor()
    const top = async (testId) => (await mobile.getByTestId(testId).first().boundingBox()).y
    const order = [
      await top('uploader-card'),
      await top('video-title'),
      await top('comment-content'),
      await top('related'),
    ]
    assert.deepEqual([...order].sort((a, b) => a - b), order, `uploader, title, comments, related at y ${order}`)
    await mobile.screenshot({ path: join(SCREENSHOTS, 'video-phone.png') })
    await mobile.goto('/')
    await mobile.getByTestId('video-card').first().waitFor()
    await mobile.screenshot({ path: join(SCREENSHOTS, 'home-phone.png') })
    await phone.close()
  })

  test('no page logged a console error', () => {
    assert.deepEqual(consoleErrors, [])
  })
})
