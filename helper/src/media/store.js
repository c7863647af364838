// The media store the video and user services write to (platform/storage): a directory (DATA_DIR/media) in
// standalone mode, an S3-compatible bucket when S3_ENDPOINT is set. Read-only here, and only by keys that pass
// the platform's own rules, so no key can name a place outside the store.
import { realpath, readFile, stat } from 'node:fs/promises'
import { sep, resolve } from 'node:path'
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'

/** platform/storage's StorageKeys: letters, digits, `._-/`, no `..`, no `//`, no leading or trailing `/`. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,511}$/

export function isValidKey(key) {
  return typeof key === 'string' && KEY.test(key) && !key.includes('..') && !key.includes('//') && !key.endsWith('/')
}

/** `{etag, size}` of an object, then its bytes; null when there is no such object. */
export function openStore(settings) {
  return settings.kind === 's3' ? new S3Store(settings) : new LocalStore(settings.root)
}

class LocalStore {
  constructor(root) {
    this.root = resolve(root)
  }

  async realRoot() {
    this.resolvedRoot ??= await realpath(this.root).catch(() => this.root)
    return this.resolvedRoot
  }

  /** The file for a key, or null; a symbolic link that leads out of the store is no file of it. */
  async file(key) {
    if (!isValidKey(key)) return null
    const root = await this.realRoot()
    try {
      const file = await realpath(resolve(root, key))
      return file.startsWith(root + sep) ? file : null
    } catch {
      return null
    }
  }

  async stat(key) {
    const file = await this.file(key)
    if (!file) return null
    const info = await stat(file).catch(() => null)
    if (!info?.isFile()) return null
    // The same validator the video service's /media gives this file (LocalObjectStorage: size and mtime).
    return { etag: `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`, size: info.size }
  }

  async read(key) {
    const file = await this.file(key)
    return file ? readFile(file) : null
  }
}

class S3Store {
  constructor(settings) {
    this.bucket = settings.bucket
    this.s3 = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.pathStyle,
      // Without keys, the SDK's own chain (environment, profile, instance role), as the Java services do.
      ...(settings.accessKey ? { credentials: { accessKeyId: settings.accessKey, secretAccessKey: settings.secretKey ?? '' } } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
  }

  async stat(key) {
    if (!isValidKey(key)) return null
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))
      return { etag: head.ETag, size: head.ContentLength }
    } catch (error) {
      if (error.$metadata?.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey') return null
      throw error
    }
  }

  async read(key) {
    if (!isValidKey(key)) return null
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }))
      return Buffer.from(await object.Body.transformToByteArray())
    } catch (error) {
      if (error.$metadata?.httpStatusCode === 404 || error.name === 'NoSuchKey') return null
      throw error
    }
  }
}
