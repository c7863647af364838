// The helper's HTTP surface, assembled from its parts. Everything it needs from outside (the registry, the media
// store, the web client's files) is handed in, so tests build the same app against their own servers.
import express from 'express'
import { embedRoutes } from './embed/routes.js'
import { imageRoutes } from './images.js'
import { oembedRoutes } from './oembed.js'
import { pageRoutes } from './pages/routes.js'
import { notFoundHandler, problemHandler, Problem } from './problems.js'
import { qrRoutes } from './qr.js'
import { sitemapRoutes } from './sitemaps.js'

/**
 * @param {{config: object, catalog: import('./catalog.js').Catalog, store: object,
 *          webClient: import('./pages/webClient.js').WebClient, sitemaps: import('./sitemaps.js').Sitemaps, log: object}} parts
 */
export function createApp({ config, catalog, store, webClient, sitemaps, log }) {
  const app = express()
  app.disable('x-powered-by')
  // Behind the gateway: req.protocol and req.ip come from the X-Forwarded-* headers it writes afresh.
  app.set('trust proxy', 'loopback, uniquelocal')
  app.set('query parser', 'simple')

  app.get('/health', (req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'UP' })
  })
  // Every route here reads; nothing else is served.
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    res.set('Allow', 'GET, HEAD')
    throw new Problem(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here.`)
  })

  const siteUrl = config.siteUrl
  pageRoutes(app, { catalog, webClient, siteUrl })
  oembedRoutes(app, { catalog, siteUrl })
  embedRoutes(app, { catalog, siteUrl })
  sitemapRoutes(app, sitemaps, { siteUrl, refreshMs: config.sitemapRefreshMs })
  imageRoutes(app, store, { cacheBytes: config.imageCacheBytes })
  qrRoutes(app, { siteUrl })

  app.use(notFoundHandler)
  app.use(problemHandler(log))
  return app
}
