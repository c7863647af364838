import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { EurekaClient, withCredentials } from '../src/registry/eureka.js'
import { quietLog } from './support/helper.js'
import { CLIENT_ID, CLIENT_SECRET, startUpstream } from './support/upstream.js'

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function until(condition, what, ms = 10_000) {
  const deadline = Date.now() + ms
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('the registry', () => {
  let upstream

  before(async () => {
    upstream = await startUpstream()
  })

  after(() => upstream.close())

  test('registers with the internal client’s credentials, renews, registers again when forgotten, and leaves', async () => {
    const settings = { urls: [upstream.eurekaUrl], hostname: 'localhost', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }
    const client = new EurekaClient(settings, { app: 'helper', port: 18087, healthPath: '/health' }, quietLog)
    upstream.state.events.length = 0
    await client.start()
    const [registration] = upstream.state.events
    assert.equal(registration.method, 'POST')
    assert.equal(registration.path, '/eureka/apps/HELPER')
    const instance = registration.body.instance
    assert.equal(instance.instanceId, 'helper:localhost:18087')
    assert.equal(instance.hostName, 'localhost')
    assert.deepEqual(instance.port, { $: 18087, '@enabled': 'true' })
    assert.equal(instance.healthCheckUrl, 'http://localhost:18087/health')
    assert.equal(instance.metadata['health.path'], '/health')
    assert.equal(instance.status, 'UP')

    await client.renew()
    assert.equal(upstream.state.events.at(-1).method, 'PUT')
    upstream.state.forgetLeases = true
    await client.renew()
    upstream.state.forgetLeases = false
    assert.deepEqual(
      upstream.state.events.slice(-2).map((e) => e.method),
      ['PUT', 'POST'],
    )
    await client.stop()
    assert.equal(upstream.state.events.at(-1).method, 'DELETE')
    assert.equal(upstream.state.leases.size, 0)
  })

  test('finds the UP instances of a service', async () => {
    const client = new EurekaClient(
      { urls: [upstream.eurekaUrl], hostname: 'localhost', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      { app: 'helper', port: 1, healthPath: '/health' },
      quietLog,
    )
    assert.deepEqual(await client.instances('video'), [upstream.base])
    assert.deepEqual(await client.instances('nothing'), [])
  })

  test('wrong credentials are refused, and nobody learns the secret from the URL or a log line', async () => {
    const lines = []
    const log = { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) }
    const client = new EurekaClient(
      { urls: [upstream.eurekaUrl], hostname: 'localhost', clientId: CLIENT_ID, clientSecret: 'wrong-secret' },
      { app: 'helper', port: 1, healthPath: '/health' },
      log,
    )
    await client.start()
    await client.stop()
    assert.match(lines.join('\n'), /registering failed with HTTP 401/)
    assert.doesNotMatch(lines.join('\n'), /wrong-secret/)
    const credentials = withCredentials('http://svc:s3cret@registry:8761/eureka', 'id', 'other')
    assert.equal(credentials.url, 'http://registry:8761/eureka/')
    assert.equal(credentials.authorization, `Basic ${Buffer.from('svc:s3cret').toString('base64')}`)
  })

  test('the process: serves /health, registers, leaves the registry on SIGTERM, and stops with its stdin', async () => {
    const port = await freePort()
    const env = {
      ...process.env,
      HELPER_PORT: String(port),
      HELPER_ADDRESS: '127.0.0.1',
      EUREKA_URL: upstream.eurekaUrl,
      INTERNAL_CLIENT_SECRET: CLIENT_SECRET,
      WEB_DIST: '/nonexistent',
    }
    const start = (args = []) =>
      spawn(process.execPath, ['src/server.js', ...args], { cwd: new URL('..', import.meta.url), env, stdio: ['pipe', 'pipe', 'pipe'] })
    const key = `HELPER/helper:localhost:${port}`

    const first = start()
    await until(() => upstream.state.leases.has(key), 'the registration')
    const health = await fetch(`http://127.0.0.1:${port}/health`)
    assert.deepEqual(await health.json(), { status: 'UP' })
    first.kill('SIGTERM')
    const [code] = await once(first, 'exit')
    assert.equal(code, 0)
    assert.ok(!upstream.state.leases.has(key), 'it left the registry')

    const second = start(['--exit-with-stdin'])
    await until(() => upstream.state.leases.has(key), 'the second registration')
    second.stdin.end()
    const [secondCode] = await once(second, 'exit')
    assert.equal(secondCode, 0)

    const broken = spawn(process.execPath, ['src/server.js'], {
      cwd: new URL('..', import.meta.url),
      env: { ...env, SITEMAP_REFRESH: 'soon' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    broken.stderr.on('data', (chunk) => (stderr += chunk))
    const [brokenCode] = await once(broken, 'exit')
    assert.equal(brokenCode, 2)
    assert.match(stderr, /SITEMAP_REFRESH must be a duration/)
  })
})
