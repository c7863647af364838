// The built mini-program's pages rendered by WeChat's template compiler (see harness.mjs), without a server:
// what a signed-out visitor sees and what their taps do. The signed-in flows against a real platform are in
// e2e/tests/mobile.test.mjs.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bootMiniProgram, textOf } from './harness.mjs'

const mp = bootMiniProgram()

describe('the built mini-program', () => {
  it('首页 shows the seven tabs and a tap moves to one', async () => {
    const home = await mp.openPage('pages/index/index')
    const tabs = home.querySelectorAll('.tab')
    assert.deepEqual(
      tabs.map((t) => t.dom.textContent.trim()),
      ['推荐', '热门', '动漫', '知识', '影视', '直播', '新闻'],
    )
    assert.match(tabs[0].dom.className, /active/)
    tabs[1].dispatchEvent('tap')
    await mp.settle()
    const after = home.querySelectorAll('.tab')
    assert.match(after[1].dom.className, /active/)
    assert.doesNotMatch(after[0].dom.className, /active/)
  })

  it('我的 asks a signed-out visitor to sign in and lists the entries', async () => {
    const me = await mp.openPage('pages/me/me')
    const text = textOf(me)
    assert.match(text, /点击登录/)
    for (const entry of ['主页', '动态', '投稿', '收藏', '历史记录', '设置']) assert.ok(text.includes(entry), entry)
    assert.equal(me.querySelector('.counts'), undefined)
  })

  it('a tap on 点击登录 opens the sign-in page, which offers WeChat first and an account form', async () => {
    const me = await mp.openPage('pages/me/me')
    me.querySelector('.card').dispatchEvent('tap')
    await mp.settle()
    assert.deepEqual(mp.navigations.at(-1), ['navigateTo', '/pages/login/login?back=%2Fpages%2Fme%2Fme'])
    const login = await mp.openPage('pages/login/login')
    const text = textOf(login)
    assert.match(text, /微信一键登录/)
    assert.match(text, /或使用账号密码登录/)
    assert.match(text, /没有账号？注册/)
  })

  it('投稿 picks a video from the album, and names what the form still lacks', async () => {
    mp.pickVideo({ tempFilePath: 'wxfile://tmp/clip.mp4', size: 3 * 1024 * 1024 })
    const uploads = await mp.openPage('pages/uploads/uploads')
    uploads.querySelector('.start').dispatchEvent('tap')
    await mp.settle()
    uploads.querySelector('.picker').dispatchEvent('tap')
    await mp.until(() => uploads.querySelector('.picked'), 'the picked video')
    assert.equal(uploads.querySelector('.picked').dom.textContent.trim(), 'clip.mp4 · 3 MB')
    uploads.querySelector('.submit').dispatchEvent('tap')
    await mp.until(() => uploads.querySelectorAll('.problem').length, "the form's problems")
    const problems = uploads.querySelectorAll('.problem').map((p) => p.dom.textContent.trim())
    assert.deepEqual(problems, ['请填写标题', '请选择分区'])
  })
})
