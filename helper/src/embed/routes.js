// GET /embed/{bvid}: the player other sites put in an iframe (oEmbed's html, og:video): the video over HLS, a
// danmaku switch, a link back to the video's page, and nothing else. Its scripts are files of this service
// (/embed/assets/…), so the page runs under the gateway's Content-Security-Policy, which lets any site frame
// /embed/ and nothing else.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { escapeHtml, siteOrigin, BVID } from '../site.js'

const require = createRequire(import.meta.url)
const ASSETS = {
  'hls.min.js': readFileSync(require.resolve('hls.js/dist/hls.min.js')),
  'player.js': readFileSync(new URL('./assets/player.js', import.meta.url)),
  'player.css': readFileSync(new URL('./assets/player.css', import.meta.url)),
}
/** Asset URLs carry a hash of the files, so they can be cached for a year and still change with a release. */
const VERSION = createHash('sha256').update(Object.values(ASSETS).join('')).digest('hex').slice(0, 12)

export function embedRoutes(app, { catalog, siteUrl }) {
  app.get('/embed/assets/:name', (req, res) => {
    const body = ASSETS[req.params.name]
    if (!body) {
      res.status(404).type('text/plain').send('Not found')
      return
    }
    res
      .set('Cache-Control', req.query.v === VERSION ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
      .type(req.params.name.endsWith('.css') ? 'text/css' : 'text/javascript')
      .send(body)
  })

  app.get('/embed/:bvid', async (req, res) => {
    const video = BVID.test(req.params.bvid) ? await catalog.video(req.params.bvid) : null
    res.set('Cache-Control', 'no-cache').type('html')
    if (!video?.playUrl) {
      res.status(404).send(page('视频不存在', '<p class="missing">视频不存在或已下架</p>'))
      return
    }
    const origin = siteOrigin(req, siteUrl)
    const link = `${origin}/video/${video.bvid}`
    res.send(
      page(
        video.title,
        `<div class="player" id="player" data-bvid="${escapeHtml(video.bvid)}" data-play-url="${escapeHtml(video.playUrl)}">
    <video id="video" controls playsinline preload="metadata"${video.coverUrl ? ` poster="${escapeHtml(video.coverUrl)}"` : ''}></video>
    <div class="danmaku-layer" id="danmaku-layer" aria-hidden="true"></div>
    <a class="title" href="${escapeHtml(link)}" target="_blank" rel="noopener">${escapeHtml(video.title)}</a>
    <button type="button" class="danmaku-toggle" id="danmaku-toggle" aria-pressed="true">弹幕</button>
  </div>`,
        link,
      ),
    )
  })
}

function page(title, body, canonical) {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="UTF-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1.0" />
  <meta name="robots" content="noindex" />
  <title>${escapeHtml(title)} - OpenBili</title>
  ${canonical ? `<link rel="canonical" href="${escapeHtml(canonical)}" />` : ''}
  <link rel="stylesheet" href="/embed/assets/player.css?v=${VERSION}" />
</head>
<body>
  ${body}
  <script src="/embed/assets/hls.min.js?v=${VERSION}"></script>
  <script src="/embed/assets/player.js?v=${VERSION}"></script>
</body>
</html>
`
}
