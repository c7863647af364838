// Starts the helper: reads its settings, serves on HELPER_PORT, registers in the registry as "helper", and on
// SIGTERM/SIGINT leaves the registry before it stops. With --exit-with-stdin it also stops when its standard
// input closes: the standalone launcher holds that pipe, so the helper never outlives the platform that started it.
import { Catalog } from './catalog.js'
import { createApp } from './app.js'
import { loadConfig } from './config.js'
import { consoleLog as log } from './log.js'
import { openStore } from './media/store.js'
import { WebClient } from './pages/webClient.js'
import { EurekaClient } from './registry/eureka.js'
import { Sitemaps } from './sitemaps.js'

let config
try {
  config = loadConfig()
} catch (error) {
  log.error(`cannot start: ${error.message}`)
  process.exit(2)
}

const registry = new EurekaClient(config.eureka, { app: 'helper', port: config.port, healthPath: '/health' }, log)
const catalog = new Catalog(registry)
const app = createApp({
  config,
  catalog,
  store: openStore(config.media),
  webClient: new WebClient(config.webDist, log),
  sitemaps: new Sitemaps(catalog, { refreshMs: config.sitemapRefreshMs, log }),
  log,
})

const server = app.listen(config.port, config.address, (error) => {
  if (error) {
    log.error(`cannot listen on ${config.address}:${config.port}: ${error.message}`)
    process.exit(1)
  }
  const media = config.media.kind === 's3' ? `bucket ${config.media.bucket} at ${config.media.endpoint}` : config.media.root
  log.info(`listening on ${config.address}:${config.port}; media from ${media}; web client from ${config.webDist}`)
  registry.start()
})
server.keepAliveTimeout = 65_000

let stopping = false
async function stop(why) {
  if (stopping) return
  stopping = true
  log.info(`stopping (${why})`)
  await registry.stop()
  server.close(() => process.exit(0))
  server.closeIdleConnections()
  setTimeout(() => process.exit(0), 5_000).unref()
}

process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
if (process.argv.includes('--exit-with-stdin')) {
  process.stdin.on('end', () => stop('the platform that started it is gone'))
  process.stdin.on('error', () => stop('the platform that started it is gone'))
  process.stdin.resume()
}
