// The browser suite, one command: starts the platform (./start.sh, own ports and data folder, automatic
// review, a first admin account), runs tests/ in Chromium, stops the platform with SIGTERM, and fails if any log
// line the platform wrote carries an access token or a password.
// With BASE_URL set, it runs against that platform instead and starts nothing.
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { logLinesWithSecrets } from './lib/logSecrets.mjs'
import { freePort, startPlatform } from './lib/platform.mjs'
import { WECHAT_APPID, WECHAT_SECRET } from './lib/wechatStandIn.mjs'

const here = import.meta.dirname
const admin = { ADMIN_USERNAME: 'e2e_admin', ADMIN_PASSWORD: 'e2e-admin-password' }
let platform = null
let baseUrl = process.env.BASE_URL
// WeChat's stand-in (lib/wechatStandIn.mjs) listens here while the test that signs in with WeChat runs; with
// BASE_URL, that platform must have been started with WECHAT_API_BASE=http://127.0.0.1:$WECHAT_STANDIN_PORT.
const wechatPort = process.env.WECHAT_STANDIN_PORT ?? String(await freePort())
const wechat = { WECHAT_API_BASE: `http://127.0.0.1:${wechatPort}`, WECHAT_APPID, WECHAT_SECRET }

if (!baseUrl) {
  console.log('e2e: starting the platform with ./start.sh …')
  const started = Date.now()
  // SITEMAP_REFRESH: the helper's sitemaps follow a video published during the run within seconds
  platform = await startPlatform({ extraEnv: { REVIEW_MODE: 'auto', SITEMAP_REFRESH: '2s', ...admin, ...wechat } })
  baseUrl = platform.baseUrl
  console.log(`e2e: platform UP at ${baseUrl} after ${Math.round((Date.now() - started) / 1000)} s (log: ${platform.logFile})`)
}

mkdirSync(resolve(here, 'test-results'), { recursive: true })
const code = await new Promise((done) => {
  const tests = spawn(
    process.execPath,
    [
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=junit',
      '--test-reporter-destination=test-results/junit.xml',
      'tests/',
    ],
    { cwd: here, stdio: 'inherit', env: { ...process.env, BASE_URL: baseUrl, WECHAT_STANDIN_PORT: wechatPort, ...(platform ? admin : {}) } },
  )
  tests.on('exit', (exitCode) => done(exitCode ?? 1))
})

let exitCode = code
if (platform) {
  console.log('e2e: stopping the platform (SIGTERM) …')
  await platform.stop()
  const leaks = logLinesWithSecrets(platform, [admin.ADMIN_PASSWORD, WECHAT_SECRET])
  if (leaks.length > 0) {
    console.log(`e2e: ${leaks.length} log line(s) carry a token or a password:\n${leaks.slice(0, 10).join('\n')}`)
    exitCode = 1
  } else {
    console.log('e2e: no log line carries a token or a password')
  }
  if (exitCode !== 0) console.log(`e2e: the platform's log is kept at ${platform.logFile}`)
}
process.exit(exitCode)
