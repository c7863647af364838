// Checks deploy/compose.yaml without Docker: it parses, every service has an image, every service is in the
// profile `infra` or `all` (and nothing else), the engines are in both, every variable it reads is in
// .env.example, and every file it mounts from deploy/ exists.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { deployed } from './roster.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const source = readFileSync(join(root, 'compose.yaml'), 'utf8')
// compose merges `<<: *anchor` keys
const compose = parse(source, { merge: true })
const failures = []
const fail = (message) => failures.push(message)

const INFRA = ['mysql', 'redis', 'kafka', 'elasticsearch', 'minio', 'prometheus', 'grafana', 'zipkin', 'logstash', 'kibana']
const OPENBILI = deployed.map((part) => part.name)
const services = compose.services ?? {}

for (const name of [...INFRA, ...OPENBILI]) {
  if (!services[name]) fail(`service ${name} is missing`)
}
for (const [name, service] of Object.entries(services)) {
  if (typeof service.image !== 'string' || service.image === '') fail(`${name}: no image`)
  const profiles = service.profiles ?? []
  if (profiles.length === 0) fail(`${name}: in no profile (it would start with every \`docker compose up\`)`)
  for (const profile of profiles) {
    if (profile !== 'infra' && profile !== 'all') fail(`${name}: unknown profile ${profile}`)
  }
  if (INFRA.includes(name) && !(profiles.includes('infra') && profiles.includes('all'))) {
    fail(`${name}: an engine belongs to both infra and all`)
  }
  if (OPENBILI.includes(name)) {
    if (profiles.join() !== 'all') fail(`${name}: an OpenBili service belongs to all only`)
    if (service.image !== `\${OPENBILI_REGISTRY}/${name}:\${OPENBILI_VERSION}`) {
      fail(`${name}: the image is not \${OPENBILI_REGISTRY}/${name}:\${OPENBILI_VERSION}`)
    }
  }
  for (const dependency of Object.keys(service.depends_on ?? {})) {
    if (!services[dependency]) fail(`${name}: depends on ${dependency}, which does not exist`)
  }
  for (const volume of service.volumes ?? []) {
    const from = String(typeof volume === 'string' ? volume.split(':')[0] : volume.source)
    if (from.startsWith('./') && !from.includes('$') && !existsSync(resolve(root, from))) {
      fail(`${name}: mounts ${from}, which does not exist`)
    }
    if (!from.startsWith('.') && !from.startsWith('/') && !from.startsWith('$') && !(compose.volumes ?? {})[from]) {
      fail(`${name}: the volume ${from} is not declared`)
    }
  }
  for (const secret of service.secrets ?? []) {
    const from = typeof secret === 'string' ? secret : secret.source
    if (!(compose.secrets ?? {})[from]) fail(`${name}: the secret ${from} is not declared`)
  }
}

// ${VAR}, ${VAR:-default}, ${VAR:?message}; $$ is a literal dollar for the container's shell
const example = readFileSync(join(root, '.env.example'), 'utf8')
const documented = new Set(
  example.split('\n').map((line) => line.match(/^([A-Z0-9_]+)=/)?.[1]).filter(Boolean))
const referenced = new Set()
for (const match of source.replaceAll('$$', '').matchAll(/\$\{([A-Za-z0-9_]+)/g)) referenced.add(match[1])
for (const secret of Object.values(compose.secrets ?? {})) if (secret.environment) referenced.add(secret.environment)
for (const name of referenced) {
  if (!documented.has(name)) fail(`${name} is read by compose.yaml but not in .env.example`)
}
for (const name of documented) {
  if (!referenced.has(name)) fail(`${name} is in .env.example but compose.yaml does not read it`)
}

if (failures.length > 0) {
  console.error(`compose.yaml:\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log(`compose: ${Object.keys(services).length} services, ${referenced.size} variables, all in .env.example`)
