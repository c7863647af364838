// GET /img/{w}x{h}/{media key}: a cover or avatar from the media store, cut to one of a fixed list of sizes and
// re-encoded for the browser asking (WebP, else AVIF, else JPEG). Sources never change under their keys (a new
// cover or avatar gets a new key), so answers are immutable: an ETag from the source's own validator, a year's
// Cache-Control, and a bounded in-memory cache so a page of cards costs one resize per image.
import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import sharp from 'sharp'
import { isValidKey } from './media/store.js'
import { Problem } from './problems.js'

/** 16:9 for covers, square for avatars. Nothing else is made, so no request can ask for a huge picture. */
export const SIZES = ['160x90', '320x180', '480x270', '640x360', '960x540', '1280x720', '48x48', '96x96', '192x192']
const IMAGE_KEY = /\.(jpe?g|png|webp|gif)$/i
/** The largest source read: covers and avatars are far smaller (avatars are capped at 5 MB on upload). */
const MAX_SOURCE_BYTES = 20 * 1024 * 1024
/** A decompression bomb stops here rather than in memory: 8K is 33 million pixels. */
const MAX_SOURCE_PIXELS = 40_000_000
/** Changes when the encoding below does, so caches in front never keep an older rendering under the same tag. */
const RENDERING = 'r1'

const FORMATS = {
  webp: { type: 'image/webp', encode: (image) => image.webp({ quality: 80 }) },
  avif: { type: 'image/avif', encode: (image) => image.avif({ quality: 55, effort: 2 }) },
  jpeg: { type: 'image/jpeg', encode: (image) => image.jpeg({ quality: 82, progressive: true, mozjpeg: true }) },
}

/** WebP when the client names it, else AVIF when it names that, else JPEG: every browser shows JPEG. */
export function formatFor(accept) {
  const named = new Map()
  for (const part of String(accept ?? '').split(',')) {
    const [type, ...parameters] = part.trim().toLowerCase().split(';')
    const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean)
    named.set(type.trim(), q ? Number(q[1]) : 1)
  }
  if (named.get('image/webp') > 0) return 'webp'
  if (named.get('image/avif') > 0) return 'avif'
  return 'jpeg'
}

export function imageRoutes(app, store, { cacheBytes }) {
  const cache = cacheBytes > 0 ? new LRUCache({ maxSize: cacheBytes, sizeCalculation: (buffer) => buffer.length }) : null
  const rendering = new Map()

  app.get('/img/:size/*key', async (req, res) => {
    const { size } = req.params
    if (!SIZES.includes(size)) {
      throw Problem.invalidField('size', `must be one of ${SIZES.join(', ')}`)
    }
    const key = req.params.key.join('/')
    if (!isValidKey(key) || key.startsWith('originals/') || !IMAGE_KEY.test(key)) {
      throw Problem.invalidField('key', 'must name a cover or avatar in the media store (a .jpg, .png, .webp or .gif)')
    }
    const source = await store.stat(key)
    if (!source) throw Problem.notFound('IMAGE_NOT_FOUND', 'There is no such image.')
    if (source.size > MAX_SOURCE_BYTES) {
      throw new Problem(422, 'IMAGE_TOO_LARGE', 'This image is too large to be resized.')
    }
    const format = formatFor(req.get('Accept'))
    const tag = createHash('sha256').update(`${RENDERING}|${source.etag}|${key}|${size}|${format}`).digest('base64url').slice(0, 27)
    res.set({
      ETag: `"${tag}"`,
      'Cache-Control': 'public, max-age=31536000, immutable',
      Vary: 'Accept',
      'X-Content-Type-Options': 'nosniff',
    })
    if (alreadyHas(req.get('If-None-Match'), tag)) {
      res.status(304).end()
      return
    }
    let body = cache?.get(tag)
    if (!body) {
      // One rendering per image at a time: a burst of the same card waits for the first.
      let pending = rendering.get(tag)
      if (!pending) {
        pending = render(store, key, size, format).finally(() => rendering.delete(tag))
        rendering.set(tag, pending)
      }
      body = await pending
      cache?.set(tag, body)
    }
    res.type(FORMATS[format].type).send(body)
  })
}

/**
 * Whether the client's If-None-Match names this picture. Evaluated as RFC 9110 says, whatever Cache-Control the
 * request carries (Node's fetch adds no-cache to every conditional request; Express's own check then never 304s).
 */
function alreadyHas(ifNoneMatch, tag) {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '')
    return value === '*' || value === `"${tag}"`
  })
}

async function render(store, key, size, format) {
  const bytes = await store.read(key)
  if (!bytes) throw Problem.notFound('IMAGE_NOT_FOUND', 'There is no such image.')
  const [width, height] = size.split('x').map(Number)
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_SOURCE_PIXELS, failOn: 'error' })
      .rotate()
      .resize(width, height, { fit: 'cover' })
    return await FORMATS[format].encode(image).toBuffer()
  } catch (error) {
    throw new Problem(422, 'IMAGE_UNREADABLE', 'This file cannot be read as an image.', { cause: error })
  }
}
