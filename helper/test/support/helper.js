// The helper's app as server.js assembles it, against a test's upstream stand-in, media folder and web client.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../../src/app.js'
import { Catalog } from '../../src/catalog.js'
import { loadConfig } from '../../src/config.js'
import { openStore } from '../../src/media/store.js'
import { WebClient } from '../../src/pages/webClient.js'
import { EurekaClient } from '../../src/registry/eureka.js'
import { Sitemaps } from '../../src/sitemaps.js'
import { CLIENT_SECRET } from './upstream.js'

/** The web client's index.html as Vite builds it, with its generic title and description. */
export const INDEX_HTML = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="OpenBili：开源的视频弹幕社区" />
    <title>OpenBili (゜-゜)つロ 干杯~</title>
    <script type="module" crossorigin src="/assets/index-abc123.js"></script>
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`

export const quietLog = { info() {}, warn() {}, error() {} }

/** `{app, dataDir, config, catalog}`; `env` overrides the settings the test environment gives. */
export function helperApp(upstream, env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'openbili-helper-test-'))
  const webDist = join(dataDir, 'web')
  mkdirSync(webDist, { recursive: true })
  mkdirSync(join(dataDir, 'media'), { recursive: true })
  writeFileSync(join(webDist, 'index.html'), INDEX_HTML)
  const config = loadConfig({
    DATA_DIR: dataDir,
    WEB_DIST: webDist,
    EUREKA_URL: upstream.eurekaUrl,
    INTERNAL_CLIENT_SECRET: CLIENT_SECRET,
    ...env,
  })
  const registry = new EurekaClient(config.eureka, { app: 'helper', port: 1, healthPath: '/health' }, quietLog)
  const catalog = new Catalog(registry)
  const app = createApp({
    config,
    catalog,
    store: openStore(config.media),
    webClient: new WebClient(config.webDist, quietLog),
    sitemaps: new Sitemaps(catalog, { refreshMs: config.sitemapRefreshMs, log: quietLog }),
    log: quietLog,
  })
  return { app, dataDir, config, catalog }
}
