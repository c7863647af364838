// Messages in the browser (issue 15), against a running platform (BASE_URL, set by run.mjs): a reply reaches the
// replied-to user's open tab (the bell's badge) within two seconds without a reload, and is under 回复我的 with a
// link to the comment; two people chat live in two browser contexts, with a read receipt; a text dynamic shows on
// the 动态 page and in the space's 动态 tab. No page may log a console error.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { launchBrowser } from '../lib/browser.mjs'
import { makeTestVideo } from '../lib/testVideo.mjs'

const BASE_URL = process.env.BASE_URL
const SCREENSHOTS = resolve(import.meta.dirname, '..', 'screenshots')
const run = Date.now().toString(36)
const alice = { username: `msg_a_${run}`, password: `pw-${run}-alice`, nickname: `阿狸${run.slice(-4)}` }
const bob = { username: `msg_b_${run}`, password: `pw-${run}-bob`, nickname: `波波${run.slice(-4)}` }

/** @type {import('playwright-core').Browser} */
let browser
const consoleErrors = []

async function call(method, path, token, body) {
  const response = await fetch(BASE_URL + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`)
  return text ? JSON.parse(text) : null
}

async function register(user) {
  const answer = await call('POST', '/api/v1/auth/register', null, user)
  return { ...user, uid: answer.user.uid, token: answer.accessToken }
}

/** A published video of `owner`'s (the platform reviews automatically), uploaded with a plain tus creation. */
async function publishVideo(owner) {
  const file = makeTestVideo(mkdtempSync(join(tmpdir(), 'openbili-e2e-msg-')), 3)
  const bytes = readFileSync(file)
  const b64 = (text) => Buffer.from(text).toString('base64')
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const created = await fetch(`${BASE_URL}/api/v1/uploads`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${owner.token}`,
      'Tus-Resumable': '1.0.0',
      'Upload-Length': String(bytes.length),
      'Upload-Metadata': `filename ${b64('clip.mp4')},sha256 ${b64(sha256)}`,
    },
  })
  assert.equal(created.status, 201, await created.text())
  const uploadId = created.headers.get('Location').split('/').pop()
  const patched = await fetch(`${BASE_URL}/api/v1/uploads/${uploadId}`, {
    method: 'PATCH',
    headers: {
      Authorization: `Bearer ${owner.token}`,
      'Tus-Resumable': '1.0.0',
      'Upload-Offset': '0',
      'Content-Type': 'application/offset+octet-stream',
    },
    body: bytes,
  })
  assert.equal(patched.status, 204, await patched.text())
  const { bvid } = await call('POST', '/api/v1/videos', owner.token, {
    uploadId,
    title: `消息测试视频 ${run}`,
    description: '',
    partition: 'anime',
    tags: ['测试'],
  })
  const deadline = Date.now() + 300_000
  while ((await call('GET', `/api/v1/videos/${bvid}`, owner.token)).state !== 'PUBLISHED') {
    assert.ok(Date.now() < deadline, 'the video was never published')
    await new Promise((r) => setTimeout(r, 1000))
  }
  // Interaction takes comments once it heard of the published video.
  while (!(await fetch(`${BASE_URL}/api/v1/videos/${bvid}/relation`)).ok) {
    assert.ok(Date.now() < deadline, 'the interaction service never learnt of the video')
    await new Promise((r) => setTimeout(r, 500))
  }
  return bvid
}

/** A browser context signed in as `user` through the sign-in page, which then shows `landing`. */
async function signedInPage(user, label, landing) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`[${label}] ${page.url()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => consoleErrors.push(`[${label}] ${page.url()}: ${error.message}`))
  await page.goto(`/login?redirect=${encodeURIComponent(landing)}`)
  await page.getByLabel('用户名').fill(user.username)
  await page.getByLabel('密码').fill(user.password)
  await page.getByTestId('auth-submit').click()
  await page.getByTestId('avatar-menu').waitFor()
  await page.waitForURL((url) => url.pathname === landing.split('?')[0])
  return page
}

describe('messages in the browser', { timeout: 10 * 60_000 }, () => {
  let a
  let b
  let bvid
  /** @type {import('playwright-core').Page} */
  let alicePage
  /** @type {import('playwright-core').Page} */
  let bobPage

  before(async () => {
    assert.ok(BASE_URL, 'BASE_URL must name the running platform (run.mjs sets it)')
    mkdirSync(SCREENSHOTS, { recursive: true })
    browser = await launchBrowser()
    a = await register(alice)
    b = await register(bob)
    bvid = await publishVideo(a)
  })

  after(async () => {
    await browser?.close()
  })

  test("a reply lights the replied-to user's bell within 2 s, and 回复我的 links to the comment", async () => {
    const comment = await call('POST', `/api/v1/videos/${bvid}/comments`, a.token, { content: '沙发是我的' })
    // Any page shows the bell; this one marks nothing read.
    alicePage = await signedInPage(alice, 'alice', '/settings')
    // What is unread now (the video's system notice) is counted when the socket joins the user room.
    const before = (await call('GET', '/api/v1/notifications/unread', a.token)).total
    await alicePage.waitForFunction(
      (n) => Number(document.querySelector('[data-test="unread-total"] sup')?.textContent?.trim()) === n,
      before,
    )

    const replied = Date.now()
    await call('POST', `/api/v1/videos/${bvid}/comments`, b.token, {
      content: `回复你 <b>不是粗体</b> ${run}`,
      parentId: comment.id,
    })
    await alicePage.waitForFunction(
      (n) => Number(document.querySelector('[data-test="unread-total"] sup')?.textContent?.trim()) === n + 1,
      before,
      { timeout: 2000 },
    )
    const waited = Date.now() - replied
    assert.ok(waited < 2000, `the badge took ${waited} ms`)

    await alicePage.getByTestId('messages').click()
    await alicePage.waitForURL(/\/message/)
    const entry = alicePage.getByTestId('notification').filter({ hasText: `回复你 <b>不是粗体</b> ${run}` })
    await entry.waitFor()
    assert.equal(await alicePage.locator('[data-test="notification"] b').count(), 0, 'the reply is text, not markup')
    assert.match(await entry.textContent(), new RegExp(bob.nickname))
    await alicePage.getByTestId('message-tab-badge-reply').locator('sup').waitFor({ state: 'hidden' })
    await alicePage.screenshot({ path: join(SCREENSHOTS, 'message-center.png') })

    await entry.getByTestId('notification-link').click()
    await alicePage.waitForURL(new RegExp(`/video/${bvid}\\?comment=${comment.id}`))
    await alicePage.getByTestId('focused-comment').filter({ hasText: '沙发是我的' }).waitFor()
  })

  test('two people chat live in two browser contexts, and the sender sees it read', async () => {
    bobPage = await signedInPage(bob, 'bob', '/message/whisper')
    await alicePage.goto(`/space/${b.uid}`)
    await alicePage.getByTestId('send-message').click()
    await alicePage.getByTestId('chat-peer').filter({ hasText: bob.nickname }).waitFor()

    const hello = `你好波波 ${run}`
    await alicePage.getByTestId('chat-input').fill(hello)
    await alicePage.getByTestId('chat-send').click()
    await alicePage.getByTestId('chat-message').filter({ hasText: hello }).waitFor()

    // Bob's page was open all along: the conversation comes in, with its unread badge.
    const conversation = bobPage.getByTestId('conversation').filter({ hasText: alice.nickname })
    await conversation.waitFor({ timeout: 5000 })
    await conversation.click()
    await bobPage.getByTestId('chat-message').filter({ hasText: hello }).waitFor()
    // Reading it tells Alice's open chat.
    await alicePage.getByTestId('chat-message').filter({ hasText: hello }).filter({ hasText: '已读' }).waitFor({
      timeout: 5000,
    })

    const answer = `收到，阿狸 <i>${run}</i>`
    await bobPage.getByTestId('chat-input').fill(answer)
    await bobPage.getByTestId('chat-send').click()
    await alicePage.getByTestId('chat-message').filter({ hasText: answer }).waitFor({ timeout: 5000 })
    assert.equal(await alicePage.locator('[data-test="chat-message"] i').count(), 0, 'a message is text')

    // Bob answered, so Alice may go on.
    const again = `那就说定了 ${run}`
    await alicePage.getByTestId('chat-input').fill(again)
    await alicePage.getByTestId('chat-send').click()
    await bobPage.getByTestId('chat-message').filter({ hasText: again }).waitFor({ timeout: 5000 })
    await bobPage.screenshot({ path: join(SCREENSHOTS, 'chat.png') })
  })

  test('a text dynamic shows on the 动态 page and in the space’s 动态 tab', async () => {
    const text = `今天的动态 ${run}`
    await alicePage.getByTestId('dynamics-link').click()
    await alicePage.waitForURL(/\/dynamics/)
    await alicePage.getByTestId('dynamic-input').fill(text)
    await alicePage.getByTestId('dynamic-post').click()
    await alicePage.getByTestId('dynamic-text').filter({ hasText: text }).waitFor()
    // The video Alice published is a dynamic of hers too.
    await alicePage.locator(`[data-test="dynamic-video"][data-bvid="${bvid}"]`).waitFor()
    assert.equal(await alicePage.getByTestId('dynamic-text').filter({ hasText: text }).count(), 1, 'shown once')
    await alicePage.screenshot({ path: join(SCREENSHOTS, 'dynamics.png') })

    await bobPage.goto(`/space/${a.uid}?tab=dynamics`)
    await bobPage.getByTestId('dynamic-text').filter({ hasText: text }).waitFor()
  })

  test('no page logged a console error', () => {
    assert.deepEqual(consoleErrors, [])
  })
})
