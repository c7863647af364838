// s3proxy, the S3 API server the Java tests use (TestS3), as a process on a free port: signed requests, objects
// in memory. Its classpath comes from this module's Maven build (target/s3proxy.classpath).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const CLASSPATH = new URL('../../target/s3proxy.classpath', import.meta.url)
export const ACCESS_KEY = 'test-access-key'
export const SECRET_KEY = 'test-secret-key'

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

export async function startS3proxy() {
  if (!existsSync(CLASSPATH)) {
    throw new Error('target/s3proxy.classpath is missing: run ./mvnw -pl helper generate-test-resources once (./mvnw verify does)')
  }
  const port = await freePort()
  const folder = mkdtempSync(join(tmpdir(), 'openbili-s3proxy-'))
  const endpoint = `http://127.0.0.1:${port}`
  writeFileSync(
    join(folder, 's3proxy.conf'),
    [
      `s3proxy.endpoint=${endpoint}`,
      's3proxy.authorization=aws-v2-or-v4',
      `s3proxy.identity=${ACCESS_KEY}`,
      `s3proxy.credential=${SECRET_KEY}`,
      'jclouds.provider=transient-nio2',
      `jclouds.identity=${ACCESS_KEY}`,
      `jclouds.credential=${SECRET_KEY}`,
    ].join('\n'),
  )
  writeFileSync(
    join(folder, 'logback.xml'),
    '<configuration><root level="WARN"/></configuration>',
  )
  const child = spawn(
    'java',
    [
      `-Dlogback.configurationFile=${join(folder, 'logback.xml')}`,
      '-XX:TieredStopAtLevel=1',
      '-cp',
      readFileSync(CLASSPATH, 'utf8').trim(),
      'org.gaul.s3proxy.Main',
      '--properties',
      join(folder, 's3proxy.conf'),
    ],
    { stdio: 'ignore' },
  )
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`s3proxy exited with ${child.exitCode}`)
    try {
      await fetch(endpoint, { signal: AbortSignal.timeout(1000) })
      break
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  return {
    endpoint,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', resolve)
        child.kill('SIGTERM')
      }),
  }
}
