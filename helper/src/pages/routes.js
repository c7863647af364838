// GET /video/{bvid} and /space/{uid}: the web client, as the gateway would serve it, with the page's own head,
// so a link pasted anywhere previews with its title, cover and duration, and search engines read them without
// running JavaScript. Unknown ids and unpublished videos get the same not-found page with a 404, which says
// nothing of what was asked for.
import { BVID, UID, siteOrigin } from '../site.js'
import { UpstreamUnavailable } from '../problems.js'
import { notFoundHead, spaceHead, videoHead } from './heads.js'

export function pageRoutes(app, { catalog, webClient, siteUrl }) {
  app.get('/video/:bvid', (req, res) =>
    page(req, res, BVID.test(req.params.bvid) ? () => catalog.video(req.params.bvid) : null, videoHead, '视频不存在'),
  )
  app.get('/space/:uid', (req, res) =>
    page(req, res, UID.test(req.params.uid) ? () => catalog.user(req.params.uid) : null, spaceHead, '用户不存在'),
  )

  async function page(req, res, load, head, notFound) {
    // The page's markup names the current build's scripts, which change with every deployment.
    res.set('Cache-Control', 'no-cache').type('html')
    let found
    try {
      found = load ? await load() : null
    } catch (error) {
      if (!(error instanceof UpstreamUnavailable)) throw error
      // The site still works for people; bots are told to come back.
      res.status(503).set(error.headers).send(await webClient.index())
      return
    }
    if (!found) {
      res.status(404).send(await webClient.withHead(notFoundHead(notFound)))
      return
    }
    res.send(await webClient.withHead(head(found, siteOrigin(req, siteUrl))))
  }
}
