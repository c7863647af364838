// The platform's roster (platform/common/src/main/resources/openbili/roster.tsv): its parts, their kinds and ports.
// The deployment checks hold compose.yaml and the Kubernetes manifests to it.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'platform/common/src/main/resources/openbili/roster.tsv')

/** Every part: { name, kind, port, standalonePort, variable }, in the roster's order. */
export const parts = readFileSync(file, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [name, kind, port, standalonePort, variable] = line.split(/\s+/)
    return { name, kind, port: Number(port), standalonePort: Number(standalonePort), variable }
  })

/** What a deployment runs as a service of its own: every part but the engines embedded in standalone mode. */
export const deployed = parts.filter((part) => part.kind !== 'engine')
