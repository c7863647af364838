// Starts the whole platform with ./start.sh on ports and a data folder of its own, and stops it with SIGTERM,
// so the suite never meets a platform a developer is running. Shared by the e2e suite and bench/web.
import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '..', '..')

// Every port variable of the platform: the fifth column of its roster, the one list of its parts and ports.
const PORT_VARIABLES = readFileSync(join(repoRoot, 'platform/common/src/main/resources/openbili/roster.tsv'), 'utf8')
  .split('\n')
  .map((line) => line.trim().split(/\s+/))
  .filter((cells) => cells.length === 5 && !cells[0].startsWith('#'))
  .map((cells) => cells[4])
// External engines a CI machine may point at; the platform under test uses its own embedded ones.
const EXTERNAL = ['DB_URL', 'DB_USERNAME', 'DB_PASSWORD', 'REDIS_URL', 'KAFKA_BOOTSTRAP_SERVERS', 'ES_URIS', 'S3_ENDPOINT']

/** A port nothing listens on now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolvePort(port))
    })
  })
}

/**
 * Runs ./start.sh (OPENBILI_NO_BUILD=1: the Maven build made everything) and resolves once every service is
 * UP behind the gateway. `extraEnv` adds settings such as REVIEW_MODE or the admin account.
 */
export async function startPlatform({ extraEnv = {}, timeoutMs = 300_000 } = {}) {
  if (!existsSync(join(repoRoot, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist is missing: build the web client first (./mvnw -pl web package, or npm run build in web/).')
  }
  if (!existsSync(join(repoRoot, 'standalone', 'target', 'standalone.jar'))) {
    throw new Error('standalone/target/standalone.jar is missing: ./mvnw -pl standalone -am package -DskipTests')
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'openbili-e2e-'))
  const env = { ...process.env }
  for (const name of EXTERNAL) delete env[name]
  for (const name of PORT_VARIABLES) env[name] = String(await freePort())
  Object.assign(env, { DATA_DIR: dataDir, OPENBILI_NO_BUILD: '1', RATE_LIMITS: 'off' }, extraEnv)

  const logFile = join(dataDir, 'platform.log')
  const log = createWriteStream(logFile)
  const child = spawn('bash', [join(repoRoot, 'start.sh')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  let exited = null
  child.on('exit', (code, signal) => (exited = { code, signal }))

  const baseUrl = `http://localhost:${env.PORT}`
  const platform = { baseUrl, dataDir, logFile, env, stop: () => stopPlatform(child) }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited) throw new Error(`./start.sh exited early (${JSON.stringify(exited)}); see ${logFile}`)
    try {
      const response = await fetch(`${baseUrl}/api/v1/system/services`, { signal: AbortSignal.timeout(5000) })
      const body = await response.json()
      if (response.ok && body.status === 'UP') return platform
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 2000))
  }
  await platform.stop()
  throw new Error(`the platform was not UP within ${timeoutMs / 1000} s; see ${logFile}`)
}

/** SIGTERM, as an operator would; the JVM (start.sh execs it) shuts every service down and exits. */
function stopPlatform(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 90_000)
    child.once('exit', () => {
      clearTimeout(force)
      done()
    })
    child.kill('SIGTERM')
  })
}
