// Signing in with WeChat in the built mini-program (mobile/dist/build/mp-weixin), against the running platform
// (BASE_URL) and a WeChat stand-in (lib/wechatStandIn.mjs, on WECHAT_STANDIN_PORT, which the platform reaches
// through WECHAT_API_BASE). The pages are rendered by WeChat's template compiler through the mobile module's
// harness; wx.login hands out the stand-in's codes and wx.request is real HTTP to the platform. Then 投稿 from the
// mini-program: chunks read from its file system, PATCH sent as POST with X-HTTP-Method-Override; and a new avatar
// through wx.uploadFile.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { ffmpegCommand, makeTestVideo } from '../lib/testVideo.mjs'
import { awaitState } from '../lib/upload.mjs'
import { codeFor, startWeChatStandIn } from '../lib/wechatStandIn.mjs'

const BASE_URL = process.env.BASE_URL
const MOBILE = resolve(import.meta.dirname, '..', '..', 'mobile')
const run = Date.now().toString(36)

let standIn
let mp
let nextOpenid = null

async function me(token) {
  const response = await fetch(`${BASE_URL}/api/v1/users/me`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(response.status, 200)
  return response.json()
}

const tokens = () => mp.storage.get('openbili.tokens') ?? null

async function signOut() {
  const settings = await mp.openPage('pages/settings/settings')
  settings.querySelector('.sign-out').dispatchEvent('tap')
  await mp.until(() => !tokens(), 'signing out')
}

/** Opens 登录 and taps 微信一键登录 as `openid`'s WeChat. */
async function wechatLogin(openid) {
  nextOpenid = openid
  const login = await mp.openPage('pages/login/login')
  login.querySelector('.wechat-login').dispatchEvent('tap')
  return login
}

function type(page, selector, index, value) {
  const input = page.querySelectorAll(selector)[index].querySelector('.uni-easyinput__content-input')
  input.dispatchEvent('input', { detail: { value } })
}

describe('WeChat sign-in in the mini-program', () => {
  before(async () => {
    assert.ok(
      existsSync(resolve(MOBILE, 'dist', 'build', 'mp-weixin', 'app.json')),
      'mobile/dist/build/mp-weixin is missing: ./mvnw -pl mobile package',
    )
    assert.ok(process.env.WECHAT_STANDIN_PORT, 'WECHAT_STANDIN_PORT is not set: run the suite with run.mjs')
    standIn = await startWeChatStandIn(Number(process.env.WECHAT_STANDIN_PORT))
    const { bootMiniProgram } = await import(resolve(MOBILE, 'test', 'mp-weixin', 'harness.mjs'))
    mp = bootMiniProgram({ baseUrl: BASE_URL, login: () => codeFor(nextOpenid) })
  })

  after(() => standIn?.close())

  test('a new WeChat user registers with a nickname only, and the next wx.login signs them straight in', async () => {
    const openid = `o_new_${run}`
    const login = await wechatLogin(openid)
    await mp.until(() => login.dom.textContent.includes('这个微信还没有绑定 OpenBili 账号'), 'the unbound choice')
    login.querySelector('.to-register').dispatchEvent('tap')
    await mp.until(() => mp.navigations.length, 'opening 注册')
    assert.deepEqual(mp.navigations.at(-1), ['navigateTo', '/pages/register/register'])

    const register = await mp.openPage('pages/register/register')
    assert.match(register.dom.textContent, /用微信注册/)
    type(register, '.field', 0, `微信用户${run.slice(-4)}`)
    await mp.settle()
    register.querySelector('.submit').dispatchEvent('tap')
    await mp.until(() => tokens(), 'the new account’s tokens')
    const profile = await me(tokens().accessToken)
    assert.equal(profile.nickname, `微信用户${run.slice(-4)}`)

    await signOut()
    const again = await wechatLogin(openid)
    await mp.until(() => tokens(), 'a bound WeChat sign-in')
    assert.equal((await me(tokens().accessToken)).uid, profile.uid)
    assert.doesNotMatch(again.dom.textContent, /还没有绑定/)
    assert.equal(standIn.exchanges.length, 2)
    await signOut()
  })

  test('an unbound WeChat user signs in to an existing account with a password, which binds it', async () => {
    const account = { username: `bind_${run}`, password: `pw-${run}-bind`, nickname: `绑定${run.slice(-4)}` }
    const created = await fetch(`${BASE_URL}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(account),
    })
    assert.equal(created.status, 201)
    const { user } = await created.json()

    const openid = `o_bind_${run}`
    const login = await wechatLogin(openid)
    await mp.until(() => login.dom.textContent.includes('登录并绑定微信'), 'the bind form')
    type(login, '.field', 0, account.username)
    type(login, '.field', 1, account.password)
    await mp.settle()
    login.querySelector('.submit').dispatchEvent('tap')
    await mp.until(() => tokens(), 'signing in to bind')
    await signOut()

    await wechatLogin(openid)
    await mp.until(() => tokens(), 'the bound WeChat sign-in')
    assert.equal((await me(tokens().accessToken)).uid, user.uid)
    await signOut()
  })

  test('投稿 in the mini-program: the file is read a chunk at a time, each PATCH goes as POST with the override; a new avatar', async () => {
    const account = { username: `mpup_${run}`, password: `pw-${run}-mpup`, nickname: `小程序${run.slice(-4)}` }
    const created = await fetch(`${BASE_URL}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(account),
    })
    assert.equal(created.status, 201)
    const login = await mp.openPage('pages/login/login')
    type(login, '.field', 0, account.username)
    type(login, '.field', 1, account.password)
    await mp.settle()
    login.querySelector('.submit').dispatchEvent('tap')
    await mp.until(() => tokens(), 'signing in with a password')

    const file = makeTestVideo(mkdtempSync(join(tmpdir(), 'openbili-e2e-mp-upload-')), 6)
    const size = statSync(file).size
    mp.files.set('wxfile://tmp/e2e-clip.mp4', file)
    mp.pickVideo({ tempFilePath: 'wxfile://tmp/e2e-clip.mp4', size })

    const page = await mp.openPage('pages/uploads/uploads')
    page.querySelector('.start').dispatchEvent('tap')
    await mp.until(() => page.querySelectorAll('.chip').length, 'the partitions')
    page.querySelector('.picker').dispatchEvent('tap')
    await mp.until(() => page.querySelector('.picked'), 'the picked video')
    const title = `小程序投稿 ${run}`
    page.querySelector('.title-input').dispatchEvent('input', { detail: { value: title } })
    page.querySelector('.tags-input').dispatchEvent('input', { detail: { value: '小程序 测试' } })
    page.querySelectorAll('.chip').find((chip) => chip.dom.textContent.trim() === '动漫').dispatchEvent('tap')
    await mp.settle()
    const sent = mp.requests.length
    page.querySelector('.submit').dispatchEvent('tap')
    await mp.until(() => page.dom.textContent.includes('上传完成'), 'the upload', 120_000)
    assert.equal(page.querySelector('.percent').dom.textContent.trim(), '100%')

    const calls = mp.requests.slice(sent).filter((r) => /^\/api\/v1\/uploads\/[0-9a-f-]+$/.test(r.path))
    const writes = calls.filter((r) => r.header['Upload-Offset'] !== undefined && r.method !== 'HEAD')
    assert.ok(writes.length >= 2, `the file went up in ${writes.length} request(s)`)
    for (const write of writes) {
      assert.equal(write.method, 'POST')
      assert.equal(write.header['X-HTTP-Method-Override'], 'PATCH')
    }
    assert.equal(writes[0].header['Upload-Offset'], '0')

    await mp.until(() => page.querySelector('.upload')?.dom.textContent.includes(title), 'the new video in 投稿')
    const mine = await me(tokens().accessToken)
    const listed = await fetch(`${BASE_URL}/api/v1/users/${mine.uid}/videos`, {
      headers: { Authorization: `Bearer ${tokens().accessToken}` },
    }).then((r) => r.json())
    const bvid = listed.items.find((v) => v.title === title)?.bvid
    assert.ok(bvid, 'the video is among the uploader’s videos')
    const video = await awaitState(BASE_URL, tokens().accessToken, bvid, ['PUBLISHED'])
    assert.equal(video.title, title)
    assert.equal(video.durationMs > 5000, true, `the transcoded video lasts ${video.durationMs} ms`)
    assert.deepEqual(video.tags, ['小程序', '测试'])

    // a new avatar from the album: multipart through wx.uploadFile, then kept in the profile
    const image = join(mkdtempSync(join(tmpdir(), 'openbili-e2e-mp-avatar-')), 'avatar.png')
    const { command, env } = ffmpegCommand()
    const args = ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=256x256', '-frames:v', '1']
    execFileSync(command, [...args, '-y', image], { env })
    mp.files.set('wxfile://tmp/avatar.png', image)
    mp.pickImage({ path: 'wxfile://tmp/avatar.png', size: statSync(image).size })
    const before = (await me(tokens().accessToken)).avatarUrl
    const mePage = await mp.openPage('pages/me/me')
    await mp.until(() => mePage.querySelector('.avatar-box'), 'the signed-in card')
    mePage.querySelector('.avatar-box').dispatchEvent('tap')
    await mp.until(() => mp.toasts.includes('头像已更新'), 'the new avatar')
    const upload = mp.requests.find((r) => r.path === '/api/v1/users/me/avatar')
    assert.equal(upload.file, 'wxfile://tmp/avatar.png')
    const after = (await me(tokens().accessToken)).avatarUrl
    assert.notEqual(after, before)
    const served = await fetch(new URL(after, BASE_URL))
    assert.equal(served.status, 200)
    assert.match(served.headers.get('content-type'), /^image\//)
    await signOut()
  })
})
