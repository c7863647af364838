// Collects every PromQL expression of the Grafana dashboards into a Prometheus rules file, one recording rule per
// panel query, for `promtool check rules` (the deploy module's build runs both). Grafana's own variables are
// replaced by what promtool can parse: interval variables by a duration, the others (used in regex matchers) by `.+`.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stringify } from 'yaml'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = process.argv[2] ?? join(root, 'target/grafana-promql.rules.yml')
const folder = join(root, 'grafana/dashboards')

const INTERVALS = ['$__rate_interval', '$__interval', '$__range']
function substitute(expr) {
  let result = expr
  for (const name of INTERVALS) result = result.replaceAll(name, '5m')
  return result.replace(/\$\{(\w+)(:\w+)?\}|\$(\w+)/g, '.+')
}

function* panels(list) {
  for (const panel of list ?? []) {
    yield panel
    yield* panels(panel.panels)
  }
}

const groups = []
let count = 0
for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
  const dashboard = JSON.parse(readFileSync(join(folder, file), 'utf8'))
  if (!dashboard.uid || !dashboard.title) throw new Error(`${file}: a dashboard needs a uid and a title`)
  const rules = []
  for (const panel of panels(dashboard.panels)) {
    for (const target of panel.targets ?? []) {
      if (!target.expr) throw new Error(`${file}: panel "${panel.title}" has a query without an expression`)
      if (target.datasource?.uid !== 'prometheus') {
        throw new Error(`${file}: panel "${panel.title}" does not use the provisioned Prometheus (uid prometheus)`)
      }
      rules.push({
        record: `grafana:check_${rules.length}`,
        expr: substitute(target.expr),
        labels: { dashboard: dashboard.uid, panel: String(panel.title) },
      })
    }
  }
  if (rules.length === 0) throw new Error(`${file}: no PromQL found`)
  count += rules.length
  groups.push({ name: dashboard.uid, rules })
}
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, stringify({ groups }))
console.log(`grafana: ${count} PromQL expressions from ${groups.length} dashboards written to ${out}`)
