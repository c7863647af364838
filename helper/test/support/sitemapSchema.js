// Validates sitemaps with xmllint (libxml2, as WebAssembly): pages against the Sitemaps protocol's own urlset
// schema (shipped in the `sitemap` package) together with the video extension's, the index against the index
// schema. The e2e suite uses this too.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { validateXML } from 'xmllint-wasm'

const require = createRequire(import.meta.url)
const file = (fileName, path) => ({ fileName, contents: readFileSync(path, 'utf8') })
// The package exports no path to its schema folder: found beside its package.json.
const SITEMAP = file('sitemap.xsd', join(dirname(require.resolve('sitemap/package.json')), 'schema', 'sitemap.xsd'))
const VIDEO = file('sitemap-video.xsd', new URL('../schemas/sitemap-video.xsd', import.meta.url))
const INDEX = file('siteindex.xsd', new URL('../schemas/siteindex.xsd', import.meta.url))
const PAGE = {
  fileName: 'page.xsd',
  contents: `<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="sitemap.xsd"/>
  <import namespace="http://www.google.com/schemas/sitemap-video/1.1" schemaLocation="sitemap-video.xsd"/>
</schema>`,
}

/** The validation errors of a sitemap page (`urlset`) or index (`sitemapindex`); empty when it is valid. */
export async function sitemapErrors(xml) {
  const index = /<sitemapindex[\s>]/.test(xml)
  const result = await validateXML({
    xml: [{ fileName: index ? 'sitemap-index.xml' : 'sitemap-page.xml', contents: xml }],
    schema: [index ? INDEX : PAGE],
    preload: index ? [] : [SITEMAP, VIDEO],
    maxMemoryPages: 4096,
  })
  return result.valid ? [] : result.errors.map((error) => error.rawMessage ?? error.message)
}
