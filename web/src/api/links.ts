// Addresses of the site's own pages and of what the helper makes from them: resized pictures (/img), QR codes
// (/qr) and the embeddable player (/embed). The helper's paths are fixed by the API (docs/api.md).

/** The sizes /img offers: 16:9 for covers, square for avatars. */
export type CoverSize = '160x90' | '320x180' | '480x270' | '640x360' | '960x540' | '1280x720'
export type AvatarSize = '48x48' | '96x96' | '192x192'

const MEDIA_PATH = /^(.*)\/media\/(?!_s\/)(.+\.(?:jpe?g|png|webp|gif))$/i

/**
 * The /img address of a stored picture at `size`, on the same host as its /media address (a CDN in front of the
 * site serves both); null for anything else, which is then shown as it is.
 */
export function resizedImage(mediaUrl: string | null | undefined, size: CoverSize | AvatarSize): string | null {
  const match = mediaUrl ? MEDIA_PATH.exec(mediaUrl) : null
  return match ? `${match[1]}/img/${size}/${match[2]}` : null
}

/** `srcset` of a cover in the sizes a card may be drawn at, widest last. */
export function coverSrcset(mediaUrl: string | null | undefined): string | null {
  const sizes: CoverSize[] = ['320x180', '480x270', '640x360']
  const urls = sizes.map((size) => resizedImage(mediaUrl, size))
  return urls.every(Boolean) ? urls.map((url, i) => `${url} ${sizes[i]!.split('x')[0]}w`).join(', ') : null
}

export function videoPageUrl(origin: string, bvid: string) {
  return `${origin}/video/${bvid}`
}

/** A QR code of one of this site's addresses (the helper refuses others). */
export function qrCodeUrl(pageUrl: string, format: 'png' | 'svg' = 'png') {
  return `/qr?${new URLSearchParams({ url: pageUrl, format })}`
}

/** The iframe other sites paste to show the video: the helper's player, 16:9. */
export function embedSnippet(origin: string, bvid: string, title: string) {
  const escaped = title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  return (
    `<iframe src="${origin}/embed/${bvid}" width="640" height="360" title="${escaped}" ` +
    `frameborder="0" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>`
  )
}
