// The mobile client's H5 build (served at /m/) on a phone: 390×844, touch, Debian's Chromium, against the running
// platform (BASE_URL). Sign up → 首页 shows the new video → it plays and a danmaku flies → like, comment, follow →
// 我的 counts → 历史记录 lists it → 投稿 a video from the phone (tus, progress bar, published) → change the avatar. Each main page is photographed into e2e/screenshots; no console errors.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { launchBrowser } from '../lib/browser.mjs'
import { execFileSync } from 'node:child_process'
import { ffmpegCommand, makeTestVideo } from '../lib/testVideo.mjs'
import { apiCall, awaitState, register, uploadVideo } from '../lib/upload.mjs'

const BASE_URL = process.env.BASE_URL
const SCREENSHOTS = resolve(import.meta.dirname, '..', 'screenshots')
const run = Date.now().toString(36)
const viewer = { username: `m_${run}`, password: `pw-${run}-phone`, nickname: `手机${run.slice(-4)}` }
const STORED_DANMAKU = `开场弹幕${run.slice(-4)}`

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
let uploader
let bvid
const consoleErrors = []

const shoot = (name) => page.screenshot({ path: join(SCREENSHOTS, `mobile-${name}.png`), animations: 'disabled' })
const tab = (name) => page.locator('.uni-tabbar__item', { hasText: name })

describe('the mobile client on a phone', () => {
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    const up = await register(BASE_URL, `m_up_${run}`, `UP主${run.slice(-4)}`)
    uploader = { token: up.accessToken, uid: up.user.uid }
    const file = makeTestVideo(mkdtempSync(join(tmpdir(), 'openbili-e2e-mobile-')), 8)
    bvid = await uploadVideo(BASE_URL, uploader.token, file, `手机端测试视频 ${run}`)
    await awaitState(BASE_URL, uploader.token, bvid, ['PUBLISHED'])
    await apiCall(BASE_URL, 'POST', `/api/v1/videos/${bvid}/danmaku`, uploader.token, {
      progressMs: 300,
      content: STORED_DANMAKU,
      mode: 'scroll',
      color: '#ffffff',
    })

    browser = await launchBrowser()
    const context = await browser.newContext({
      baseURL: BASE_URL,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    })
    page = await context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`))
  })

  after(() => browser?.close())

  test('a visitor signs up from 我的 and comes back to it signed in', async () => {
    await page.goto('/m/')
    await page.locator('.tab', { hasText: '推荐' }).waitFor()
    await tab('我的').tap()
    await page.locator('.card', { hasText: '点击登录' }).tap()
    await page.locator('.link', { hasText: '没有账号？注册' }).tap()
    const fields = page.locator('.field input')
    await fields.nth(0).fill(viewer.nickname)
    await fields.nth(1).fill(viewer.username)
    await fields.nth(2).fill(viewer.password)
    await shoot('register')
    await page.locator('.submit', { hasText: '注册' }).tap()
    await page.locator('.nickname', { hasText: viewer.nickname }).waitFor()
    assert.match(page.url(), /\/m\/pages\/me\/me/)
  })

  test('首页 shows the new video in 推荐 and in its partition’s tab', async () => {
    await tab('首页').tap()
    const card = page.locator(`.video-card[data-bvid="${bvid}"]`)
    // The fresh list takes the new video within moments; a reload is what pull-to-refresh does.
    const deadline = Date.now() + 120_000
    while (!(await card.first().isVisible())) {
      assert.ok(Date.now() < deadline, 'the new video never reached 推荐')
      await page.waitForTimeout(3000)
      await page.reload()
    }
    await shoot('home')
    await page.locator('.tab', { hasText: '动漫' }).tap()
    await page.locator('swiper-item, uni-swiper-item').nth(2).locator(`.video-card[data-bvid="${bvid}"]`).waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`)
    await page.locator('.tab', { hasText: '推荐' }).tap()
  })

  test('the video plays, a stored danmaku flies and a sent one too', async () => {
    await page.locator(`.video-card[data-bvid="${bvid}"]`).first().tap()
    await page.waitForURL(/\/m\/pages\/video\/video\?bvid=/)
    await page.locator('.player[data-ready="playing"]').waitFor({ timeout: 60_000 })
    await page.locator('.uni-video-danmu-item', { hasText: STORED_DANMAKU }).waitFor({ timeout: 15_000 })
    await shoot('video')
    const mine = `手机弹幕${run.slice(-4)}`
    await page.locator('.danmaku-input input').fill(mine)
    await page.locator('.danmaku-bar .send').tap()
    await page.locator('.uni-video-danmu-item', { hasText: mine }).waitFor({ timeout: 15_000 })
  })

  test('like, comment and follow show on the page and reach the platform', async () => {
    await page.locator('.action.like').tap()
    await page.locator('.action.like.on', { hasText: '1' }).waitFor()
    const comment = `手机上的评论 ${run}`
    await page.locator('.comment-input input').fill(comment)
    await page.locator('.comment-box .send').tap()
    await page.locator('.comment .content', { hasText: comment }).waitFor()
    await page.locator('.follow').tap()
    await page.locator('.follow', { hasText: '已关注' }).waitFor()
    await shoot('video-actions')

    const video = await apiCall(BASE_URL, 'GET', `/api/v1/videos/${bvid}`, uploader.token)
    assert.equal(video.stats.likes, 1)
    const up = await apiCall(BASE_URL, 'GET', `/api/v1/users/${uploader.uid}`)
    assert.equal(up.followers, 1)
  })

  test('我的 counts the follow, and 历史记录 lists the video with where it stopped', async () => {
    await page.goBack()
    await tab('我的').tap()
    await page.locator('[data-count="following"] .number', { hasText: /^1$/ }).waitFor()
    assert.equal(await page.locator('[data-count="followers"] .number').textContent(), '0')
    assert.equal(await page.locator('[data-count="likes"] .number').textContent(), '0')
    await shoot('me')
    await page.locator('.uni-list-item', { hasText: '历史记录' }).tap()
    await page.locator(`.entry[data-bvid="${bvid}"]`).waitFor()
    assert.match(await page.locator(`.entry[data-bvid="${bvid}"]`).textContent(), /看到|已看完/)
    await shoot('history')
  })

  test('投稿: the phone uploads a video over tus with a progress bar, and it is published in 投稿', async () => {
    await page.goBack()
    await tab('我的').tap()
    await page.locator('.uni-list-item', { hasText: '投稿' }).tap()
    await page.waitForURL(/\/m\/pages\/uploads\/uploads/)
    await page.locator('.start', { hasText: '投稿' }).tap()

    // Nothing picked, nothing typed: each field says what is missing, and nothing is sent.
    await page.locator('.submit').tap()
    await page.locator('.problem[data-field="file"]', { hasText: '请先选择要上传的视频' }).waitFor()
    await page.locator('.problem[data-field="title"]', { hasText: '请填写标题' }).waitFor()
    await page.locator('.problem[data-field="partition"]', { hasText: '请选择分区' }).waitFor()

    const file = makeTestVideo(mkdtempSync(join(tmpdir(), 'openbili-e2e-phone-upload-')), 6)
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.picker').tap()])
    await chooser.setFiles(file)
    await page.locator('.picked', { hasText: '.mp4' }).waitFor()
    const title = `手机投稿 ${run}`
    await page.locator('.title-input input').fill(title)
    await page.locator('.description-input textarea').fill('从手机上传的测试视频')
    await page.locator('.chip[data-slug="anime"]').tap()
    await page.locator('.tags-input input').fill('手机投稿，测试')

    const patches = []
    const onRequest = (request) => {
      if (/\/api\/v1\/uploads\/[0-9a-f-]+$/.test(request.url()) && request.method() === 'PATCH') {
        patches.push(request.headers()['upload-offset'])
      }
    }
    page.on('request', onRequest)
    await page.locator('.submit').tap()
    await page.locator('.progress .phase', { hasText: '上传完成' }).waitFor({ timeout: 120_000 })
    page.off('request', onRequest)
    assert.equal(await page.locator('.progress .percent').textContent(), '100%')
    // the bar itself is full
    assert.equal(await page.locator('.progress .uni-progress-inner-bar').evaluate((bar) => bar.style.width), '100%')
    // a 6-second 720p clip is more than one 1 MiB chunk: the bytes went in several PATCHes, in order
    assert.ok(patches.length >= 2, `the upload took ${patches.length} PATCH request(s)`)
    assert.equal(patches[0], '0')

    const item = page.locator('.upload', { hasText: title })
    await item.waitFor()
    // the form is empty again for the next video, the finished bar still showing
    await page.waitForFunction(() => document.querySelector('.title-input input')?.value === '')
    assert.equal(await page.locator('.picked').count(), 0)
    assert.equal(await page.locator('.progress .percent').textContent(), '100%')
    await shoot('upload')
    const uploaded = await item.getAttribute('data-bvid')
    // REVIEW_MODE=auto: transcoded, then published; the page follows it without a reload
    await item.locator('.state.published', { hasText: '已发布' }).waitFor({ timeout: 300_000 })
    const video = await apiCall(BASE_URL, 'GET', `/api/v1/videos/${uploaded}`)
    assert.equal(video.title, title)
    assert.equal(video.partition, 'anime')
    assert.deepEqual(video.tags, ['手机投稿', '测试'])
    assert.equal(video.uploader.nickname, viewer.nickname)
    await shoot('uploads')
  })

  test('tapping the avatar on 我的 uploads a new one, which shows and stays after a reload', async () => {
    await page.goBack()
    await tab('我的').tap()
    const avatar = page.locator('.card .avatar-box img')
    await page.locator('.card .nickname', { hasText: viewer.nickname }).waitFor()
    const before = (await avatar.count()) ? await avatar.getAttribute('src') : null

    const image = join(mkdtempSync(join(tmpdir(), 'openbili-e2e-avatar-')), 'avatar.png')
    const { command, env } = ffmpegCommand()
    const args = ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x320', '-frames:v', '1']
    execFileSync(command, [...args, '-y', image], { env })
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.card .avatar-box').tap()])
    await chooser.setFiles(image)

    await page.waitForFunction(
      (old) => {
        const img = document.querySelector('.card .avatar-box img')
        return img && img.getAttribute('src') !== old && img.complete && img.naturalWidth > 0
      },
      before,
      { timeout: 30_000 },
    )
    const after = await avatar.getAttribute('src')
    assert.notEqual(after, before)
    assert.match(after, /\/media\/avatars\//)
    await shoot('me-avatar')

    await page.reload()
    await page.locator('.card .nickname', { hasText: viewer.nickname }).waitFor()
    await page.waitForFunction(
      (src) => {
        const img = document.querySelector('.card .avatar-box img')
        return img && img.getAttribute('src') === src && img.complete && img.naturalWidth > 0
      },
      after,
      { timeout: 30_000 },
    )
  })

  test('no page logged a console error', () => {
    assert.deepEqual(consoleErrors, [])
  })
})
