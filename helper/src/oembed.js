// GET /oembed?url=…&format=json: oEmbed 1.0 for this site's video pages (type "video", an iframe of /embed/{bvid}),
// which the video page announces with <link rel="alternate" type="application/json+oembed">. As the
// specification says: 404 for a URL the provider has no answer for, 501 for a format other than JSON.
import { Problem } from './problems.js'
import { escapeHtml, mediaKeyOf, ownUrl, siteOrigin, videoOf } from './site.js'
import { pictureUrl } from './pages/heads.js'

const WIDTH = 640
const HEIGHT = 360
const THUMBNAILS = [
  [1280, 720],
  [960, 540],
  [640, 360],
  [480, 270],
  [320, 180],
  [160, 90],
]

function dimension(value, name) {
  if (value === undefined) return Infinity
  if (typeof value !== 'string' || !/^[1-9]\d{0,4}$/.test(value)) throw Problem.invalidField(name, 'must be a positive whole number')
  return Number(value)
}

export function oembedRoutes(app, { catalog, siteUrl }) {
  app.get('/oembed', async (req, res) => {
    const { url, format = 'json' } = req.query
    if (typeof url !== 'string' || url.trim() === '') throw Problem.invalidField('url', 'is required')
    if (format !== 'json') {
      throw new Problem(501, 'FORMAT_NOT_SUPPORTED', 'Only format=json is offered.', {
        errors: [{ field: 'format', message: 'must be json' }],
      })
    }
    const maxWidth = dimension(req.query.maxwidth, 'maxwidth')
    const maxHeight = dimension(req.query.maxheight, 'maxheight')
    const origin = siteOrigin(req, siteUrl)
    const target = ownUrl(url, origin)
    const bvid = target && videoOf(target)
    if (!bvid) {
      throw Problem.notFound('NOT_EMBEDDABLE', `Only video pages of this site (${origin}/video/BV…) can be embedded.`)
    }
    const video = await catalog.video(bvid)
    if (!video) throw Problem.notFound('VIDEO_NOT_FOUND', 'There is no such video.')

    const scale = Math.min(1, maxWidth / WIDTH, maxHeight / HEIGHT)
    const width = Math.max(1, Math.floor(WIDTH * scale))
    const height = Math.max(1, Math.floor(HEIGHT * scale))
    const answer = {
      version: '1.0',
      type: 'video',
      provider_name: 'OpenBili',
      provider_url: `${origin}/`,
      title: video.title,
      author_name: video.uploader?.nickname,
      author_url: video.uploader ? `${origin}/space/${video.uploader.uid}` : undefined,
      cache_age: 3600,
      width,
      height,
      html:
        `<iframe src="${escapeHtml(`${origin}/embed/${bvid}`)}" width="${width}" height="${height}" ` +
        `title="${escapeHtml(video.title)}" frameborder="0" allow="autoplay; fullscreen; picture-in-picture" ` +
        `allowfullscreen></iframe>`,
    }
    const thumbnail = THUMBNAILS.find(([w, h]) => w <= maxWidth && h <= maxHeight)
    // A thumbnail only where its size is known: the spec wants the three together.
    if (mediaKeyOf(video.coverUrl) && thumbnail) {
      answer.thumbnail_url = pictureUrl(video.coverUrl, `${thumbnail[0]}x${thumbnail[1]}`, origin)
      answer.thumbnail_width = thumbnail[0]
      answer.thumbnail_height = thumbnail[1]
    }
    res.set('Cache-Control', 'public, max-age=300').json(answer)
  })
}
