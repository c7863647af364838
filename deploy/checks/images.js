// Checks that compose.yaml and the Kubernetes manifests run the images the build makes: every Maven module with
// an image (jib.skip false in its pom) names it <image.registry>/<image.name>:<version> with the root pom's
// image.registry; compose must run ${OPENBILI_REGISTRY}/<name>:${OPENBILI_VERSION} (.env.example's values being
// that registry and the project's version) and each Deployment of that name openbili/<name>:<project version> on the port the image
// exposes, and neither may run an openbili/ image that no module builds. The port an image exposes (image.port)
// must be the roster's port of its part (roster.js), which the services listen on by default; the Node helper keeps
// its own default (src/config.js), which must be that port too. The images themselves are checked where they are built
// (deploy/images/check.mjs, the root pom's image-check profile).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, parseAllDocuments } from 'yaml'
import { parts } from './roster.js'

const deploy = join(dirname(fileURLToPath(import.meta.url)), '..')
const root = join(deploy, '..')
const failures = []
const fail = (message) => failures.push(message)

const property = (pom, name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(pom)?.[1]
const rootPom = readFileSync(join(root, 'pom.xml'), 'utf8')
const version = /<artifactId>openbili<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(rootPom)?.[1]
const registry = property(rootPom, 'image.registry')
if (registry !== 'openbili') fail(`the root pom's image.registry is "${registry}", the files here run openbili/…`)

// the modules of the reactor, and the image each one builds
const images = new Map()
const modules = [...rootPom.matchAll(/<module>([^<]+)<\/module>/g)].map((m) => m[1])
for (const module of modules) {
  const pom = readFileSync(join(root, module, 'pom.xml'), 'utf8')
  if (property(pom, 'jib.skip') !== 'false') continue
  const name = property(pom, 'image.name')
  const port = property(pom, 'image.port')
  if (!name) fail(`${module}: builds an image but sets no image.name`)
  else images.set(name, { module, port })
  // the port the image exposes is the one the service listens on when nothing says otherwise: the roster's
  const part = parts.find((p) => p.name === name)
  if (!part) {
    fail(`${module}: its image ${name} is no part of the roster`)
    continue
  }
  if (String(part.port) !== port) fail(`${module}: the image exposes ${port}, the roster's port is ${part.port}`)
  const config = join(root, module, 'src/config.js')
  const own = existsSync(config) ? /env\.HELPER_PORT\) \?\? '(\d+)'/.exec(readFileSync(config, 'utf8'))?.[1] : undefined
  if (existsSync(config) && own !== String(part.port)) fail(`${module}: src/config.js listens on ${own} by default, the roster says ${part.port}`)
}
if (images.size === 0) fail('no module builds an image')

const env = Object.fromEntries(
  readFileSync(join(deploy, '.env.example'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
)
if (env.OPENBILI_VERSION !== version) fail(`.env.example: OPENBILI_VERSION=${env.OPENBILI_VERSION}, the build makes ${version}`)

const compose = parse(readFileSync(join(deploy, 'compose.yaml'), 'utf8'), { merge: true })
if (env.OPENBILI_REGISTRY !== registry) {
  fail(`.env.example: OPENBILI_REGISTRY=${env.OPENBILI_REGISTRY}, the build names the images ${registry}/…`)
}
const composeImages = new Set()
for (const [service, definition] of Object.entries(compose.services ?? {})) {
  const image = (definition.image ?? '').replace('${OPENBILI_REGISTRY}', env.OPENBILI_REGISTRY)
  const match = /^openbili\/([^:]+):(.*)$/.exec(image)
  if (!match) continue
  composeImages.add(match[1])
  if (!images.has(match[1])) fail(`compose.yaml: ${service} runs openbili/${match[1]}, which no module builds`)
  if (match[2] !== '${OPENBILI_VERSION}') fail(`compose.yaml: ${service}'s tag is ${match[2]}, not \${OPENBILI_VERSION}`)
}

const k8s = join(deploy, 'k8s')
const k8sImages = new Set()
for (const file of readdirSync(k8s).filter((f) => f.endsWith('.yaml'))) {
  for (const document of parseAllDocuments(readFileSync(join(k8s, file), 'utf8'))) {
    const manifest = document.toJS()
    for (const container of manifest?.spec?.template?.spec?.containers ?? []) {
      const match = /^openbili\/([^:]+):(.*)$/.exec(container.image ?? '')
      if (!match) continue
      k8sImages.add(match[1])
      if (!images.has(match[1])) fail(`k8s/${file}: runs openbili/${match[1]}, which no module builds`)
      if (match[2] !== version) fail(`k8s/${file}: openbili/${match[1]}:${match[2]}, the build makes :${version}`)
      const port = String(container.ports?.[0]?.containerPort)
      if (images.has(match[1]) && port !== images.get(match[1]).port) {
        fail(`k8s/${file}: ${container.name} listens on ${port}, the image exposes ${images.get(match[1]).port}`)
      }
    }
  }
}
for (const [name, { module }] of images) {
  if (!composeImages.has(name)) fail(`compose.yaml does not run openbili/${name} (built by ${module})`)
  if (!k8sImages.has(name)) fail(`no Kubernetes Deployment runs openbili/${name} (built by ${module})`)
}

if (failures.length > 0) {
  console.error(`images: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`)
  process.exit(1)
}
console.log(`images: compose.yaml and k8s run the ${images.size} images the build makes (openbili/<name>:${version})`)
