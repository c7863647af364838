// Reads a page's head the way a link-preview fetcher does: the content of <meta property|name=…> tags, <title>,
// <link rel=…> and the JSON-LD blocks.
export function metaOf(html, key) {
  for (const tag of html.match(/<meta\b[^>]*>/g) ?? []) {
    const name = /(?:property|name)="([^"]*)"/.exec(tag)?.[1]
    if (name === key) return decode(/content="([^"]*)"/.exec(tag)?.[1])
  }
  return undefined
}

export function titleOf(html) {
  return decode(/<title>([\s\S]*?)<\/title>/.exec(html)?.[1])
}

export function linkOf(html, rel, type) {
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    if (tag.includes(`rel="${rel}"`) && (!type || tag.includes(`type="${type}"`))) return decode(/href="([^"]*)"/.exec(tag)?.[1])
  }
  return undefined
}

export function jsonLdOf(html) {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]))
}

function decode(text) {
  return text?.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&')
}
