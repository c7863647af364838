// The helper's settings, read once from the environment: the same variables the Java services read where they
// mean the same thing (EUREKA_URL, DATA_DIR, S3_*, WEB_DIST, INTERNAL_CLIENT_*), and a few of its own.
import { resolve } from 'node:path'

const DURATION = /^(\d+)(ms|s|m|h)?$/
const SIZE = /^(\d+)(B|KB|MB|GB)?$/i

/** `500ms`, `30s`, `10m`, `2h` (a bare number is seconds) → milliseconds. */
export function parseDuration(text, name) {
  const match = DURATION.exec(String(text).trim())
  if (!match) throw new Error(`${name} must be a duration such as 30s or 10m, not "${text}"`)
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's']
  return Number(match[1]) * unit
}

/** `64MB`, `512KB`, `0` → bytes. */
export function parseSize(text, name) {
  const match = SIZE.exec(String(text).trim())
  if (!match) throw new Error(`${name} must be a size such as 64MB, not "${text}"`)
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(match[2] ?? 'B').toUpperCase()]
  return Number(match[1]) * unit
}

function port(text, name) {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port, not "${text}"`)
  return value
}

function blankToUndefined(value) {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

/** The settings from `env` (process.env by default); throws with the variable's name when one is malformed. */
export function loadConfig(env = process.env) {
  const dataDir = resolve(blankToUndefined(env.DATA_DIR) ?? './data')
  const siteUrl = blankToUndefined(env.SITE_URL)
  if (siteUrl !== undefined && !/^https?:\/\/[^/]+\/?$/.test(siteUrl)) {
    throw new Error(`SITE_URL must be an origin such as https://www.example.com, not "${siteUrl}"`)
  }
  const s3Endpoint = blankToUndefined(env.S3_ENDPOINT)
  return {
    port: port(blankToUndefined(env.HELPER_PORT) ?? '8087', 'HELPER_PORT'),
    address: blankToUndefined(env.HELPER_ADDRESS) ?? '0.0.0.0',
    siteUrl: siteUrl?.replace(/\/$/, ''),
    webDist: resolve(blankToUndefined(env.WEB_DIST) ?? './web/dist'),
    eureka: {
      urls: (blankToUndefined(env.EUREKA_URL) ?? 'http://localhost:8761/eureka/')
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
      hostname: blankToUndefined(env.EUREKA_INSTANCE_HOSTNAME) ?? 'localhost',
      clientId: blankToUndefined(env.INTERNAL_CLIENT_ID) ?? 'openbili-internal',
      clientSecret: blankToUndefined(env.INTERNAL_CLIENT_SECRET),
    },
    media: s3Endpoint
      ? {
          kind: 's3',
          endpoint: s3Endpoint,
          bucket: blankToUndefined(env.S3_BUCKET) ?? 'openbili',
          accessKey: blankToUndefined(env.S3_ACCESS_KEY),
          secretKey: blankToUndefined(env.S3_SECRET_KEY),
          region: blankToUndefined(env.S3_REGION) ?? 'us-east-1',
          pathStyle: (blankToUndefined(env.S3_PATH_STYLE) ?? 'true') !== 'false',
        }
      : { kind: 'local', root: resolve(dataDir, 'media') },
    sitemapRefreshMs: parseDuration(blankToUndefined(env.SITEMAP_REFRESH) ?? '10m', 'SITEMAP_REFRESH'),
    imageCacheBytes: parseSize(blankToUndefined(env.IMAGE_CACHE_SIZE) ?? '64MB', 'IMAGE_CACHE_SIZE'),
  }
}
