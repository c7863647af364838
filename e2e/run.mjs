// The browser suite, one command: starts the platform (./start.sh, own ports and data folder, automatic
// review, a first admin account), runs tests/ in Chromium, stops the platform with SIGTERM, and fails if any log
// line the platform wrote carries an access token or a password.
// With BASE_URL set, it runs against that platform instead and starts nothing.
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { logLinesWithSecrets } from './lib/logSecrets.mjs'
import { startPlatform } from './lib/platform.mjs'

const here = import.meta.dirname
const admin = { ADMIN_USERNAME: 'e2e_admin', ADMIN_PASSWORD: 'e2e-admin-password' }
let platform = null
let baseUrl = process.env.BASE_URL

if (!baseUrl) {
  console.log('e2e: starting the platform with ./start.sh …')
  const started = Date.now()
  platform = await startPlatform({ extraEnv: { REVIEW_MODE: 'auto', ...admin } })
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
    { cwd: here, stdio: 'inherit', env: { ...process.env, BASE_URL: baseUrl, ...(platform ? admin : {}) } },
  )
  tests.on('exit', (exitCode) => done(exitCode ?? 1))
})

let exitCode = code
if (platform) {
  console.log('e2e: stopping the platform (SIGTERM) …')
  await platform.stop()
  const leaks = logLinesWithSecrets(platform, [admin.ADMIN_PASSWORD])
  if (leaks.length > 0) {
    console.log(`e2e: ${leaks.length} log line(s) carry a token or a password:\n${leaks.slice(0, 10).join('\n')}`)
    exitCode = 1
  } else {
    console.log('e2e: no log line carries a token or a password')
  }
  if (exitCode !== 0) console.log(`e2e: the platform's log is kept at ${platform.logFile}`)
}
process.exit(exitCode)
