// Validates deploy/k8s offline: every manifest against the Kubernetes schemas (kubernetes-models), then what the
// schemas cannot see: selectors that match their pods, probes and resources on every container, a Service, an HPA
// and a PodDisruptionBudget for each stateless Deployment, references to ConfigMaps, Secrets and claims that exist,
// an Ingress with TLS whose backend is a Service port, and a kustomization that lists every file.
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments, parse } from 'yaml'
import { deployed } from './roster.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'k8s')
const MODULES = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'policy/v1': 'kubernetes-models/policy/v1',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
}
/** The Deployments that keep state in memory and run as one replica. */
const SINGLETONS = new Set(['registry'])

const failures = []
const fail = (message) => failures.push(message)
const objects = []

const files = readdirSync(root).filter((f) => f.endsWith('.yaml')).sort()
const kustomization = parse(readFileSync(join(root, 'kustomization.yaml'), 'utf8'))
for (const file of files.filter((f) => f !== 'kustomization.yaml')) {
  if (!kustomization.resources.includes(file)) fail(`kustomization.yaml does not list ${file}`)
  for (const document of parseAllDocuments(readFileSync(join(root, file), 'utf8'))) {
    if (document.errors.length > 0) fail(`${file}: ${document.errors[0].message}`)
    const manifest = document.toJS()
    if (!manifest) continue
    const where = `${file}: ${manifest.kind}/${manifest.metadata?.name}`
    const module = MODULES[manifest.apiVersion]
    if (!module) {
      fail(`${where}: apiVersion ${manifest.apiVersion} is not one this check knows`)
      continue
    }
    const Kind = (await import(module))[manifest.kind]
    if (!Kind) {
      fail(`${where}: no kind ${manifest.kind} in ${manifest.apiVersion}`)
      continue
    }
    try {
      new Kind(manifest).validate()
    } catch (error) {
      fail(`${where}: ${error.message}`)
    }
    objects.push({ file, where, manifest })
  }
}
for (const file of kustomization.resources) if (!files.includes(file)) fail(`kustomization.yaml lists ${file}, which does not exist`)

const named = (kind) => new Map(objects.filter((o) => o.manifest.kind === kind).map((o) => [o.manifest.metadata.name, o]))
const deployments = named('Deployment')
const services = named('Service')
const configMaps = named('ConfigMap')
const secrets = named('Secret')
const claims = named('PersistentVolumeClaim')
const hpas = [...named('HorizontalPodAutoscaler').values()]
const pdbs = [...named('PodDisruptionBudget').values()]
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v)

for (const [name, { where, manifest }] of deployments) {
  const pod = manifest.spec.template
  if (!matches(manifest.spec.selector.matchLabels, pod.metadata?.labels)) fail(`${where}: the selector does not match its pods`)
  if (pod.spec.securityContext?.runAsNonRoot !== true) fail(`${where}: pods may run as root`)
  for (const container of pod.spec.containers) {
    const ports = new Set(container.ports?.flatMap((p) => [p.containerPort, p.name]) ?? [])
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const check = container[probe]?.httpGet
      if (!check && probe !== 'startupProbe') fail(`${where}: ${container.name} has no HTTP ${probe}`)
      else if (check && !ports.has(check.port)) fail(`${where}: ${container.name}'s ${probe} asks port ${check.port}, which it does not declare`)
    }
    const resources = container.resources ?? {}
    if (!resources.requests?.cpu || !resources.requests?.memory || !resources.limits?.memory) {
      fail(`${where}: ${container.name} needs cpu and memory requests and a memory limit`)
    }
    if (!/^openbili\/[a-z]+:/.test(container.image)) fail(`${where}: image ${container.image} is not openbili/<service>:<version>`)
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef && !configMaps.has(source.configMapRef.name)) fail(`${where}: no ConfigMap ${source.configMapRef.name}`)
      if (source.secretRef && !secrets.has(source.secretRef.name)) fail(`${where}: no Secret ${source.secretRef.name}`)
    }
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom?.configMapKeyRef
      if (ref && !(ref.key in (configMaps.get(ref.name)?.manifest.data ?? {}))) fail(`${where}: ${variable.name} reads ${ref.name}/${ref.key}, which is not there`)
    }
  }
  for (const volume of pod.spec.volumes ?? []) {
    const claim = volume.persistentVolumeClaim?.claimName
    if (claim && !claims.has(claim)) fail(`${where}: no PersistentVolumeClaim ${claim}`)
  }
  const exposed = [...services.values()].some((s) => matches(s.manifest.spec.selector, pod.metadata.labels))
  if (!exposed) fail(`${where}: no Service selects its pods`)
  const hpa = hpas.find((h) => h.manifest.spec.scaleTargetRef.kind === 'Deployment' && h.manifest.spec.scaleTargetRef.name === name)
  const pdb = pdbs.find((p) => matches(p.manifest.spec.selector.matchLabels, pod.metadata.labels))
  if (SINGLETONS.has(name)) {
    if (manifest.spec.replicas !== 1) fail(`${where}: runs as one replica`)
  } else {
    if (!hpa) fail(`${where}: a stateless Deployment needs a HorizontalPodAutoscaler`)
    if (!pdb) fail(`${where}: a stateless Deployment needs a PodDisruptionBudget`)
    if (hpa && pdb && hpa.manifest.spec.minReplicas <= pdb.manifest.spec.minAvailable) {
      fail(`${where}: the HPA's minReplicas must exceed the PDB's minAvailable, or no node can be drained`)
    }
  }
}
// each part of the roster runs as a Deployment listening on the roster's port, under the roster's variable
for (const part of deployed) {
  const deployment = deployments.get(part.name)
  if (!deployment) { fail(`the roster's ${part.name} has no Deployment`); continue }
  const container = deployment.manifest.spec.template.spec.containers.find((c) => c.name === part.name)
  const http = (container?.ports ?? []).find((p) => p.name === 'http')
  if (http?.containerPort !== part.port) fail(`${deployment.where}: the http port is not the roster's ${part.port}`)
  const variable = (container?.env ?? []).find((v) => v.name === part.variable)
  if (variable && variable.value !== String(part.port)) fail(`${deployment.where}: ${part.variable} is not the roster's ${part.port}`)
}
for (const { where, manifest } of services.values()) {
  const target = [...deployments.values()].find((d) => matches(manifest.spec.selector, d.manifest.spec.template.metadata.labels))
  if (!target) { fail(`${where}: selects no Deployment's pods`); continue }
  const names = new Set(target.manifest.spec.template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name)))
  for (const port of manifest.spec.ports) if (typeof port.targetPort === 'string' && !names.has(port.targetPort)) fail(`${where}: targetPort ${port.targetPort} is no container port`)
}
for (const { where, manifest } of named('Ingress').values()) {
  if (!(manifest.spec.tls?.length > 0)) fail(`${where}: no TLS`)
  for (const rule of manifest.spec.rules ?? []) {
    if (!manifest.spec.tls?.some((t) => t.hosts?.includes(rule.host))) fail(`${where}: ${rule.host} is not covered by TLS`)
    for (const path of rule.http.paths) {
      const backend = path.backend.service
      const service = services.get(backend.name)
      if (!service) fail(`${where}: no Service ${backend.name}`)
      else if (!service.manifest.spec.ports.some((p) => p.name === backend.port.name || p.port === backend.port.number)) fail(`${where}: Service ${backend.name} has no port ${backend.port.name ?? backend.port.number}`)
    }
  }
}
if (!deployments.has('gateway') || named('Ingress').size === 0) fail('the gateway and an Ingress are required')

if (failures.length > 0) {
  console.error(`deploy/k8s:\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log(`k8s: ${objects.length} manifests in ${files.length - 1} files valid (${deployments.size} Deployments)`)
