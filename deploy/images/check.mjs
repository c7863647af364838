// Checks one image tar made by `jib:buildTar` without Docker (the image-check profile of the root pom runs it in
// every module with an image, at `verify`):
//
//   node check.mjs <image.tar> <name:tag> <java|node> <port> <main class | script> [<health path> | -] [ffmpeg | -]
//
// - the tar holds the image <name:tag>; its entrypoint is `java -cp @/app/jib-classpath-file <main class>` (Java)
//   or `node <script>` (the helper); it exposes <port>; its user is numeric and not root (Kubernetes'
//   runAsNonRoot can only check a number); DATA_DIR is set and writable by that user;
// - every entry of the Java classpath file, the script, and WEB_DIST's index.html when the image sets WEB_DIST,
//   are in the image;
// - the image runs: its layers unpacked into a root file system, its entrypoint is started there with its
//   environment, working directory and user, in namespaces of its own (an empty network: the service reaches no
//   database, broker or registry; a process tree and /proc of its own). A Java service must log Spring Boot's
//   "Starting <Main> using Java <n> … in <working dir>": the image's Java has run the main class from the image's
//   classpath, and Spring Boot has read the image's application.yml and set up its logging; the check stops it
//   there (it would go on to fail for want of its database). The helper must log that it listens on <port>,
//   which needs its native modules (sharp) to load on the image's libraries.
// - with a <health path> (the images whose service starts without engines: the registry, the helper), the check
//   waits until the service has started on <port> and asks GET <health path> on that port, inside the image's
//   network namespace, for {"status":"UP"}. For the others, deploy/checks/images.js compares <port> with the
//   service's default port.
// - with `ffmpeg` (the video image), the ffmpeg bundled in the image's org.bytedeco:ffmpeg jar runs there as the
//   service would run it: its files unpacked from the jar (as JavaCPP does at run time), every one of its libraries
//   found by the image's own dynamic loader with the image's environment, and one second of a test pattern with a
//   tone transcoded to H.264 and AAC in MP4, which the bundled ffprobe then reads back.
// Needs root (unshare, mount of /proc), like CI here. Exits non-zero with the reasons.
import { spawn, execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'

const [tarFile, reference, kind, portText, main, healthArgument = '-', ffmpegArgument = '-'] = process.argv.slice(2)
if (
  !tarFile || !reference || !['java', 'node'].includes(kind) || !/^\d+$/.test(portText ?? '') || !main ||
  !['ffmpeg', '-'].includes(ffmpegArgument)
) {
  console.error('usage: check.mjs <image.tar> <name:tag> <java|node> <port> <main class | script> [<health path> | -] [ffmpeg | -]')
  process.exit(2)
}
const health = healthArgument === '-' ? undefined : healthArgument
const port = Number(portText)
const failures = []
const fail = (message) => failures.push(message)
const started = Date.now()

if (!existsSync(tarFile)) {
  console.error(`image check: ${tarFile} is missing (jib:buildTar makes it at package)`)
  process.exit(1)
}
const work = mkdtempSync(join(dirname(tarFile), 'image-check-'))
try {
  await check()
} finally {
  rmSync(work, { recursive: true, force: true })
}
if (failures.length > 0) {
  console.error(`image check of ${reference} failed:\n- ${failures.join('\n- ')}`)
  process.exit(1)
}
console.log(`image check of ${reference}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`)

async function check() {
  const layout = join(work, 'layout')
  const rootfs = join(work, 'rootfs')
  mkdirSync(layout)
  mkdirSync(rootfs)
  execFileSync('tar', ['--warning=no-unknown-keyword', '-xf', tarFile, '-C', layout])
  const [manifest] = JSON.parse(readFileSync(join(layout, 'manifest.json'), 'utf8'))
  if (!manifest.RepoTags?.includes(reference)) fail(`the tar names ${manifest.RepoTags}, not ${reference}`)
  const image = JSON.parse(readFileSync(join(layout, manifest.Config), 'utf8'))
  const config = image.config ?? {}

  // what the image says
  const entrypoint = config.Entrypoint ?? []
  const expected = kind === 'java' ? ['java', '-cp', '@/app/jib-classpath-file', main] : ['node', main]
  if (JSON.stringify(entrypoint) !== JSON.stringify(expected)) {
    fail(`entrypoint ${JSON.stringify(entrypoint)}, expected ${JSON.stringify(expected)}`)
  }
  if (!Object.keys(config.ExposedPorts ?? {}).includes(`${port}/tcp`)) {
    fail(`exposes ${Object.keys(config.ExposedPorts ?? {})}, not ${port}/tcp`)
  }
  const user = /^(\d+)(?::(\d+))?$/.exec(config.User ?? '')
  if (!user) fail(`user "${config.User ?? ''}" is not a numeric uid[:gid]`)
  else if (Number(user[1]) === 0) fail('runs as root (uid 0)')
  const uid = user ? Number(user[1]) : 0
  const gid = user?.[2] ? Number(user[2]) : 0
  const env = Object.fromEntries((config.Env ?? []).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]))
  if (env.DATA_DIR !== '/var/lib/openbili/data') fail(`DATA_DIR is "${env.DATA_DIR}", not /var/lib/openbili/data`)
  if (failures.length > 0) return

  // what the image holds
  for (const layer of manifest.Layers) {
    const listing = execFileSync('tar', ['--warning=no-unknown-keyword', '-tzf', join(layout, layer)], { maxBuffer: 256 << 20 }).toString()
    if (/(^|\/)\.wh\./m.test(listing)) fail(`layer ${layer} holds whiteouts, which this check does not apply`)
    execFileSync('tar', ['--warning=no-unknown-keyword', '-xzf', join(layout, layer), '-C', rootfs, '--same-owner', '--same-permissions'])
  }
  const inImage = (path) => join(rootfs, path)
  if (kind === 'java') {
    const classpath = readFileSync(inImage('/app/jib-classpath-file'), 'utf8').trim().split(':')
    for (const entry of classpath) if (!existsSync(inImage(entry))) fail(`classpath entry ${entry} is not in the image`)
    const classFile = `/app/classes/${main.replaceAll('.', '/')}.class`
    if (!existsSync(inImage(classFile))) fail(`${classFile} is not in the image`)
  } else {
    if (!existsSync(inImage(main))) fail(`${main} is not in the image`)
    const packageJson = JSON.parse(readFileSync(inImage('/app/package.json'), 'utf8'))
    for (const name of Object.keys(packageJson.dependencies)) {
      if (!existsSync(inImage(`/app/node_modules/${name}/package.json`))) fail(`dependency ${name} is not in the image`)
    }
    for (const name of Object.keys(packageJson.devDependencies ?? {})) {
      if (existsSync(inImage(`/app/node_modules/${name}`))) fail(`development dependency ${name} is in the image`)
    }
  }
  if (env.WEB_DIST && !existsSync(inImage(join(env.WEB_DIST, 'index.html')))) {
    fail(`WEB_DIST=${env.WEB_DIST} has no index.html (build the web client first: ./mvnw -pl web package)`)
  }
  const data = statSync(inImage(env.DATA_DIR))
  const writable =
    (data.uid === uid && data.mode & 0o200) || (data.gid === gid && data.mode & 0o020) || data.mode & 0o002
  if (!data.isDirectory() || !writable) {
    fail(`DATA_DIR ${env.DATA_DIR} is not a folder that ${uid}:${gid} can write (${data.uid}:${data.gid} ${(data.mode & 0o7777).toString(8)})`)
  }
  if (failures.length > 0) return

  // the image runs
  mkdirSync(inImage('/proc'), { recursive: true })
  const simpleName = main.slice(main.lastIndexOf('.') + 1)
  // Spring Boot logs this line once it has loaded the image's configuration and logging, before the application
  // context is built; waiting for more (the web server, which a service without its database never reaches)
  // would add ten to twenty seconds per image to the build.
  const steps =
    kind === 'java'
      ? [new RegExp(`Starting ${simpleName} using Java \\d+.* started by \\S+ in ${config.WorkingDir || '/'}\\)`)]
      : [new RegExp(`listening on [^ ]*:${port}\\b`)]
  if (kind === 'java' && health) steps.push(new RegExp(`(Tomcat|Netty) started on port ${port}\\b`))
  const output = await run(rootfs, config, env, uid, gid, steps, health && ((pid) => probe(pid, health)))
  for (const step of steps) {
    const line = output.split('\n').find((l) => step.test(l))
    if (line) console.log(`image check of ${reference}: ${config.User} ran ${JSON.stringify(config.Entrypoint)}: ${line.trim()}`)
  }
  if (ffmpegArgument === 'ffmpeg' && failures.length === 0) checkBundledFfmpeg(rootfs, env, uid, gid)
}

/** The bundled ffmpeg loads its libraries and transcodes in the image (see the head of this file). */
function checkBundledFfmpeg(rootfs, env, uid, gid) {
  const jarName = readdirSync(join(rootfs, 'app/libs')).find((name) => /^ffmpeg-.*-linux-x86_64(-gpl)?\.jar$/.test(name))
  if (!jarName) return fail('no org.bytedeco:ffmpeg jar for linux-x86_64 in /app/libs')
  const unpacked = join(rootfs, 'tmp/ffmpeg-check')
  mkdirSync(unpacked, { recursive: true })
  execFileSync('jar', ['xf', join(rootfs, 'app/libs', jarName)], { cwd: unpacked })
  const platform = readdirSync(join(unpacked, 'org/bytedeco/ffmpeg')).find((name) => name.startsWith('linux-x86_64'))
  const natives = `/tmp/ffmpeg-check/org/bytedeco/ffmpeg/${platform}`
  for (const program of ['ffmpeg', 'ffprobe']) chmodSync(join(rootfs, natives, program), 0o755)
  chmodSync(unpacked, 0o777)
  // JavaCPP's way: the executables find the jar's libraries through LD_LIBRARY_PATH, before the image's own
  const inImage = (command) =>
    execFileSync(
      '/usr/bin/unshare',
      inNamespaces(rootfs, '/tmp/ffmpeg-check', uid, gid, command),
      { env: { ...env, LD_LIBRARY_PATH: [natives, env.LD_LIBRARY_PATH].filter(Boolean).join(':') }, maxBuffer: 16 << 20 },
    ).toString()
  try {
    const files = readdirSync(join(rootfs, natives)).filter((name) => name === 'ffmpeg' || name === 'ffprobe' || /\.so/.test(name))
    for (const file of files) {
      const listing = inImage(['/lib64/ld-linux-x86-64.so.2', '--list', `${natives}/${file}`])
      const missing = listing.split('\n').filter((line) => /not found/.test(line)).map((line) => line.trim().split(' ')[0])
      if (missing.length > 0) fail(`the bundled ${file} needs ${missing.join(', ')}, which the image does not have`)
    }
    if (failures.length > 0) return
    inImage([
      `${natives}/ffmpeg`, '-hide_banner', '-loglevel', 'error',
      '-f', 'lavfi', '-i', 'testsrc2=duration=1:size=320x180:rate=25', '-f', 'lavfi', '-i', 'sine=duration=1',
      '-c:v', 'libx264', '-c:a', 'aac', '-f', 'mp4', '/tmp/ffmpeg-check/out.mp4',
    ])
    const probe = JSON.parse(
      inImage([`${natives}/ffprobe`, '-v', 'error', '-show_streams', '-of', 'json', '/tmp/ffmpeg-check/out.mp4']),
    )
    const codecs = probe.streams.map((stream) => stream.codec_name).sort().join(',')
    if (codecs !== 'aac,h264') return fail(`the bundled ffmpeg made streams ${codecs}, not aac,h264`)
    console.log(`image check of ${reference}: ${files.length} bundled ffmpeg files load on the image's libraries; ffmpeg made H.264 + AAC, ffprobe read it back`)
  } catch (error) {
    fail(`the bundled ffmpeg does not run in the image: ${String(error.stderr ?? error.message).trim().slice(0, 2000)}`)
  }
}

/** GET http://127.0.0.1:<port><path> in the network namespace of process `pid`; a problem, or undefined when UP. */
function probe(pid, path) {
  const url = `http://127.0.0.1:${port}${path}`
  try {
    // the namespace's loopback starts down; the service listens on all its addresses
    execFileSync('nsenter', [`--target=${pid}`, '--net', 'ip', 'link', 'set', 'lo', 'up'])
    const body = execFileSync('nsenter', [`--target=${pid}`, '--net', 'curl', '-fsS', '--max-time', '10', url]).toString()
    let status
    try {
      status = JSON.parse(body).status
    } catch {
      status = undefined
    }
    if (status !== 'UP') return `GET ${url} answered ${body.slice(0, 300)}`
    console.log(`image check of ${reference}: GET ${url} in the image's network: status ${status}`)
    return undefined
  } catch (error) {
    return `GET ${url}: ${String(error.stderr ?? error.message).trim()}`
  }
}

/**
 * Starts the entrypoint in the unpacked image and waits until every pattern of `steps` matched its output, in
 * order; then `ready` (when given) is called with the pid of the entrypoint and may return a problem.
 */
function run(rootfs, config, env, uid, gid, steps, ready) {
  const args = inNamespaces(rootfs, config.WorkingDir || '/', uid, gid, [...config.Entrypoint, ...(config.Cmd ?? [])])

  return new Promise((resolve) => {
    const child = spawn('/usr/bin/unshare', args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    let next = 0
    let done = false
    const finish = (problem) => {
      if (done) return
      done = true
      clearTimeout(timer)
      if (problem) fail(`${problem}; its output:\n${output.split('\n').slice(-40).join('\n')}`)
      // The entrypoint is process 1 of its own pid namespace: killing it ends everything it started. (unshare's
      // --kill-child does not reach it: changing the user clears the parent-death signal.)
      for (const pid of childrenOf(child.pid)) process.kill(pid, 'SIGKILL')
      child.kill('SIGKILL')
      resolve(output)
    }
    const read = (chunk) => {
      if (done) return
      output += chunk
      while (next < steps.length && steps[next].test(output)) next++
      if (next === steps.length) finish(ready?.(childrenOf(child.pid)[0]))
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.on('exit', (code, signal) => finish(`it stopped (${signal ?? code}) before logging ${steps[next]}`))
    const timer = setTimeout(() => finish(`it did not log ${steps[next]} within 180 s`), 180_000)
  })
}

/** unshare's arguments for `command` in the unpacked image: namespaces of its own, the image's user, no network. */
function inNamespaces(rootfs, workdir, uid, gid, command) {
  return [
    '--net', '--pid', '--fork', '--mount-proc',
    `--root=${rootfs}`, `--wd=${workdir}`, '--setuid', String(uid), '--setgid', String(gid),
    ...command,
  ]
}

function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
}
