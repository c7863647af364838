// A third-party application signs a person in with OpenBili ("使用 OpenBili 登录"), as a real one would: a
// certified OpenID Connect client library (openid-client) on the application's side, Chromium on the
// person's. The application is a small HTTP server of this test's own; the platform is BASE_URL.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import * as oidc from 'openid-client'
import { launchBrowser } from '../lib/browser.mjs'

const BASE_URL = process.env.BASE_URL
const SCREENSHOTS = resolve(import.meta.dirname, '..', 'screenshots')
const ADMIN = { username: process.env.ADMIN_USERNAME, password: process.env.ADMIN_PASSWORD }
const run = Date.now().toString(36)
const user = { username: `rp_${run}`, password: `pw-${run}-secret`, nickname: `第三方${run.slice(-5)}` }

/** @type {import('playwright-core').Browser} */
let browser
/** @type {import('playwright-core').Page} */
let page
const consoleErrors = []
/** The application's own server: the paths the browser was sent to, in order. */
const application = { server: null, origin: '', visits: [] }
/** @type {oidc.Configuration} */
let config
let uid
// What the application keeps in its session between the redirect and the callback.
const session = { codeVerifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() }
let callback
let tokens

async function api(path, { token, body } = {}) {
  const response = await fetch(new URL(path, BASE_URL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const answer = await response.json()
  assert.ok(response.ok, `POST ${path} → ${response.status} ${JSON.stringify(answer)}`)
  return answer
}

function startApplication() {
  application.server = createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://application')
    if (pathname === '/favicon.ico') return response.writeHead(204).end()
    application.visits.push(pathname)
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    response.end('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>示例应用</title><p>已回到示例应用</p>')
  })
  application.server.listen(0, '127.0.0.1')
  return once(application.server, 'listening').then(() => {
    application.origin = `http://127.0.0.1:${application.server.address().port}`
  })
}

function watchConsole(target) {
  target.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${target.url()}: ${message.text()}`)
  })
  target.on('pageerror', (error) => consoleErrors.push(`${target.url()}: ${error.message}`))
}

/** Clicks a form's button and answers the response to the POST it makes, saying what it got if refused. */
async function submit(button, path) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path)
  await button.click()
  const response = await posted
  const origin = (await response.request().allHeaders()).origin
  assert.ok(
    response.status() < 400,
    `POST ${path} was refused with ${response.status()} (the browser sent Origin: ${origin})`,
  )
}

describe('signing in to a third-party application with OpenBili', { timeout: 5 * 60_000 }, () => {
  before(async () => {
    assert.ok(BASE_URL, 'BASE_URL must name the running platform (run.mjs sets it)')
    assert.ok(ADMIN.username && ADMIN.password, 'run.mjs creates the first admin account')
    mkdirSync(SCREENSHOTS, { recursive: true })
    await startApplication()

    const admin = await api('/api/v1/auth/login', { body: ADMIN })
    const client = await api('/api/v1/auth/admin/clients', {
      token: admin.accessToken,
      body: {
        clientName: `示例应用 ${run}`,
        redirectUris: [`${application.origin}/callback`],
        scopes: ['openid', 'profile'],
        confidential: true,
      },
    })
    uid = (await api('/api/v1/auth/register', { body: user })).user.uid

    // client_secret_basic, over plain http: the platform under test has no TLS.
    const secret = oidc.ClientSecretBasic(client.clientSecret)
    config = await oidc.discovery(new URL(BASE_URL), client.clientId, undefined, secret, {
      execute: [oidc.allowInsecureRequests],
    })

    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    page = await context.newPage()
    page.setDefaultTimeout(30_000)
    watchConsole(page)
  })

  after(async () => {
    await browser?.close()
    application.server?.close()
  })

  test('discovery at the issuer names the endpoints behind the gateway', () => {
    const server = config.serverMetadata()
    assert.equal(server.issuer, BASE_URL)
    assert.ok(server.supportsPKCE(), 'the server announces PKCE with S256')
    const endpoints = [server.authorization_endpoint, server.token_endpoint, server.jwks_uri, server.userinfo_endpoint]
    for (const endpoint of endpoints) {
      assert.ok(endpoint.startsWith(`${BASE_URL}/`), `${endpoint} is not behind the gateway`)
    }
  })

  test('the person signs in and consents in the browser, and comes back to the application with a code', async () => {
    const authorize = oidc.buildAuthorizationUrl(config, {
      redirect_uri: `${application.origin}/callback`,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(session.codeVerifier),
      code_challenge_method: 'S256',
      state: session.state,
      nonce: session.nonce,
    })
    await page.goto(authorize.href)
    await page.getByRole('heading', { name: '登录 OpenBili' }).waitFor()
    await page.getByLabel('用户名').fill(user.username)
    await page.getByLabel('密码').fill(user.password)
    await page.screenshot({ path: join(SCREENSHOTS, 'oauth-login.png') })
    await submit(page.getByRole('button', { name: '登录' }), '/oauth2/login')

    await page.getByRole('heading', { name: `「示例应用 ${run}」申请访问你的 OpenBili 账号` }).waitFor()
    await page.getByText('读取你的昵称和头像').waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'oauth-consent.png') })
    await submit(page.getByRole('button', { name: '同意授权' }), '/oauth2/authorize')

    await page.waitForURL((url) => url.origin === application.origin && url.pathname === '/callback')
    await page.getByText('已回到示例应用').waitFor()
    callback = new URL(page.url())
    assert.ok(callback.searchParams.get('code'), `no code in ${callback}`)
  })

  test('the application exchanges the code and learns who signed in', async () => {
    assert.ok(callback, 'the browser came back with a code')
    // Checks the state, then the ID token: its signature against the JWKS, iss, aud, exp and the nonce.
    tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: session.codeVerifier,
      expectedState: session.state,
      expectedNonce: session.nonce,
      idTokenExpected: true,
    })
    assert.equal(tokens.claims().sub, uid)
    assert.ok(tokens.refresh_token, 'a confidential application gets a refresh token')

    const me = await oidc.fetchUserInfo(config, tokens.access_token, uid)
    assert.equal(me.sub, uid)
    assert.equal(me.name, user.nickname)
  })

  test('refreshing gives a new refresh token, and the old one is refused', async () => {
    assert.ok(tokens, 'the application holds tokens')
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token)
    assert.ok(refreshed.access_token)
    assert.ok(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token, 'the refresh token rotates')
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token), (error) => {
      assert.ok(error instanceof oidc.ResponseBodyError, `${error}`)
      assert.equal(error.error, 'invalid_grant')
      return true
    })
  })

  test('a redirect_uri the application never registered is refused before the sign-in page', async () => {
    // Only the path differs from the registered one (a loopback redirect_uri may change its port).
    const forged = `${application.origin}/forged`
    // A browser without an OpenBili session; its console is not watched, as the refusal is what it shows.
    const stranger = await browser.newContext({ locale: 'zh-CN' })
    const tab = await stranger.newPage()
    const response = await tab.goto(
      oidc
        .buildAuthorizationUrl(config, {
          redirect_uri: forged,
          scope: 'openid profile',
          code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
          code_challenge_method: 'S256',
          state: oidc.randomState(),
        })
        .href,
    )
    assert.equal(response.status(), 400)
    assert.match(response.headers()['content-type'], /^text\/html/)
    await tab.getByRole('heading', { name: '授权失败' }).waitFor()
    await tab.getByText('回调地址与该应用登记的不一致').waitFor()
    assert.equal(new URL(tab.url()).origin, BASE_URL)
    assert.equal(await tab.getByLabel('密码').count(), 0, 'the sign-in form was shown')
    assert.ok(!application.visits.includes('/forged'), 'the browser was sent to the forged redirect_uri')
    await stranger.close()
  })

  test('no page logged a console error', () => {
    assert.deepEqual(consoleErrors, [])
  })
})
