// This site's own addresses: the public origin, and which URLs belong to it.

/** BV1 and eleven base58 digits, as platform/common's Bvid writes them. */
export const BVID = /^BV1[1-9A-HJ-NP-Za-km-z]{11}$/
/** A 64-bit id, in decimal. */
export const UID = /^[1-9]\d{0,18}$/

/**
 * The origin visitors use: SITE_URL when set; else what the gateway forwarded (it writes X-Forwarded-Proto and
 * -Host afresh on every request, believing a client's only from TRUSTED_PROXIES); else this request's Host.
 */
export function siteOrigin(req, siteUrl) {
  if (siteUrl) return siteUrl
  const proto = firstValue(req.get('X-Forwarded-Proto')) ?? req.protocol
  const host = firstValue(req.get('X-Forwarded-Host')) ?? req.get('Host') ?? 'localhost'
  const origin = `${proto === 'https' ? 'https' : 'http'}://${host}`
  try {
    return new URL(origin).origin
  } catch {
    return 'http://localhost'
  }
}

function firstValue(header) {
  const value = header?.split(',')[0].trim()
  return value || undefined
}

/** `url` (absolute, or a path) as a URL of this site, or null when it is another site's or not a URL. */
export function ownUrl(url, origin) {
  let parsed
  try {
    parsed = new URL(url, `${origin}/`)
  } catch {
    return null
  }
  return parsed.origin === origin && !parsed.username && !parsed.password ? parsed : null
}

/** The bvid a video page's URL names (`/video/BV1…`), or null. */
export function videoOf(url) {
  const match = /^\/video\/([^/]+)\/?$/.exec(url.pathname)
  return match && BVID.test(match[1]) ? match[1] : null
}

/** The media key behind a `/media/…` URL the services handed out (absolute when MEDIA_BASE_URL is a CDN). */
export function mediaKeyOf(mediaUrl) {
  if (!mediaUrl) return null
  const match = /\/media\/(.+)$/.exec(new URL(mediaUrl, 'http://localhost').pathname)
  return match && !match[1].startsWith('_s/') ? decodeURIComponent(match[1]) : null
}

/** An absolute URL for what the services handed out as a path. */
export function absolute(url, origin) {
  return url ? new URL(url, `${origin}/`).toString() : undefined
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
