// The <head> of a video's and a space's page for link previews and search engines: title, description, canonical
// URL, Open Graph, Twitter card, the oEmbed discovery link and JSON-LD. Only fields of the public API answers go
// in; every value is escaped for its place (attributes, or JSON inside a script element).
import { absolute, escapeHtml, mediaKeyOf } from '../site.js'

const SITE_NAME = 'OpenBili'
const DESCRIPTION_LENGTH = 160
export const PLAYER = { width: 1280, height: 720 }

function meta(attribute, name, content) {
  return content === undefined || content === null || content === ''
    ? ''
    : `<meta ${attribute}="${escapeHtml(name)}" content="${escapeHtml(content)}" />`
}

const property = (name, content) => meta('property', name, content)
const named = (name, content) => meta('name', name, content)

/** JSON for a script element: `<` escaped, so no text can close the element. */
function jsonLd(data) {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
  return `<script type="application/ld+json">${json}</script>`
}

function summary(text, fallback) {
  const flat = String(text ?? '').replace(/\s+/g, ' ').trim() || fallback
  return flat.length > DESCRIPTION_LENGTH ? `${flat.slice(0, DESCRIPTION_LENGTH - 1)}…` : flat
}

/** An image URL for previews: the stored picture at `size` through /img, else the URL as the service gave it. */
export function pictureUrl(mediaUrl, size, origin) {
  const key = mediaKeyOf(mediaUrl)
  return key ? `${origin}/img/${size}/${key}` : absolute(mediaUrl, origin)
}

/** ISO 8601 duration (`PT1M5S`) of a number of milliseconds. */
export function isoDuration(ms) {
  let seconds = Math.max(0, Math.round((ms ?? 0) / 1000))
  const hours = Math.floor(seconds / 3600)
  seconds -= hours * 3600
  const minutes = Math.floor(seconds / 60)
  seconds -= minutes * 60
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || (!hours && !minutes) ? `${seconds}S` : ''}`
}

export function videoHead(video, origin) {
  const url = `${origin}/video/${video.bvid}`
  const embed = `${origin}/embed/${video.bvid}`
  const image = pictureUrl(video.coverUrl, '1280x720', origin)
  const description = summary(video.description, video.title)
  const seconds = Math.round((video.durationMs ?? 0) / 1000)
  const author = video.uploader ? `${origin}/space/${video.uploader.uid}` : undefined
  const oembed = `${origin}/oembed?url=${encodeURIComponent(url)}&format=json`
  return [
    `<title>${escapeHtml(video.title)} - ${SITE_NAME}</title>`,
    named('description', description),
    `<link rel="canonical" href="${escapeHtml(url)}" />`,
    `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(oembed)}" title="${escapeHtml(video.title)}" />`,
    property('og:site_name', SITE_NAME),
    property('og:type', 'video.other'),
    property('og:title', video.title),
    property('og:description', description),
    property('og:url', url),
    property('og:image', image),
    mediaKeyOf(video.coverUrl) ? property('og:image:width', String(PLAYER.width)) : '',
    mediaKeyOf(video.coverUrl) ? property('og:image:height', String(PLAYER.height)) : '',
    property('og:video', embed),
    property('og:video:secure_url', embed.startsWith('https:') ? embed : undefined),
    property('og:video:type', 'text/html'),
    property('og:video:width', String(PLAYER.width)),
    property('og:video:height', String(PLAYER.height)),
    property('video:duration', String(seconds)),
    property('video:release_date', video.publishedAt),
    property('video:tag', (video.tags ?? []).join(',') || undefined),
    named('twitter:card', 'player'),
    named('twitter:title', video.title),
    named('twitter:description', description),
    named('twitter:image', image),
    named('twitter:player', embed),
    named('twitter:player:width', String(PLAYER.width)),
    named('twitter:player:height', String(PLAYER.height)),
    jsonLd({
      '@context': 'https://schema.org',
      '@type': 'VideoObject',
      name: video.title,
      description,
      url,
      embedUrl: embed,
      thumbnailUrl: image ? [image] : undefined,
      uploadDate: video.publishedAt,
      duration: isoDuration(video.durationMs),
      genre: video.partition,
      keywords: (video.tags ?? []).join(',') || undefined,
      author: video.uploader ? { '@type': 'Person', name: video.uploader.nickname, url: author } : undefined,
      interactionStatistic: [
        counter('WatchAction', video.stats?.views),
        counter('LikeAction', video.stats?.likes),
        counter('CommentAction', video.stats?.comments),
      ],
    }),
  ]
    .filter(Boolean)
    .join('\n    ')
}

export function spaceHead(user, origin) {
  const url = `${origin}/space/${user.uid}`
  const image = pictureUrl(user.avatarUrl, '192x192', origin)
  const title = `${user.nickname}的个人空间`
  const description = summary(user.sign, `${user.nickname}的个人空间：${user.videos ?? 0} 个投稿，${user.followers ?? 0} 位粉丝`)
  return [
    `<title>${escapeHtml(title)} - ${SITE_NAME}</title>`,
    named('description', description),
    `<link rel="canonical" href="${escapeHtml(url)}" />`,
    property('og:site_name', SITE_NAME),
    property('og:type', 'profile'),
    property('og:title', title),
    property('og:description', description),
    property('og:url', url),
    property('og:image', image),
    property('profile:username', user.nickname),
    named('twitter:card', 'summary'),
    named('twitter:title', title),
    named('twitter:description', description),
    named('twitter:image', image),
    jsonLd({
      '@context': 'https://schema.org',
      '@type': 'ProfilePage',
      url,
      mainEntity: {
        '@type': 'Person',
        name: user.nickname,
        description: user.sign || undefined,
        image,
        url,
        interactionStatistic: [counter('FollowAction', user.followers)],
      },
    }),
  ]
    .filter(Boolean)
    .join('\n    ')
}

/** The head of the not-found page: nothing about what was asked for, and no indexing. */
export function notFoundHead(title) {
  return [`<title>${escapeHtml(title)} - ${SITE_NAME}</title>`, named('robots', 'noindex')].join('\n    ')
}

function counter(action, count) {
  return {
    '@type': 'InteractionCounter',
    interactionType: { '@type': action },
    userInteractionCount: Number(count ?? 0),
  }
}
