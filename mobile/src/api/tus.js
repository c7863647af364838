/**
 * Uploading a video from the phone: its SHA-256 for 秒传 (`POST /api/v1/uploads/precheck`), then tus 1.0 at
 * `/api/v1/uploads` (creation with `filename` and `sha256` in Upload-Metadata, HEAD to learn where to go on,
 * PATCH chunk by chunk) over the app's one client, so a mini-program, whose wx.request has no PATCH, sends it
 * as POST with X-HTTP-Method-Override. tus-js-client is not used: it needs XMLHttpRequest, Blob and window,
 * which a mini-program does not have.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

const UPLOADS = '/api/v1/uploads'
const TUS = { 'Tus-Resumable': '1.0.0' }
export const CHUNK_BYTES = 1024 * 1024
const HASH_SLICE = 4 * 1024 * 1024
const RETRIES = 3
const RESUME_KEY = 'openbili.tus.'

/** A problem with the upload a person can act on; `field` names the input it is about. */
export class UploadError extends Error {
  constructor(field, message) {
    super(message)
    this.name = 'UploadError'
    this.field = field
  }
}

/** A picked file as the uploader reads it: `{name, size, read(offset, length) → Promise<ArrayBuffer>}`. */
export function blobSource(file) {
  return {
    name: file.name || 'video.mp4',
    size: file.size,
    read: (offset, length) => file.slice(offset, offset + length).arrayBuffer(),
  }
}

/** A file in the mini-program's file system (uni.chooseVideo's tempFilePath), read a piece at a time. */
export function fileSystemSource({ path, size, name }, fs = uni.getFileSystemManager()) {
  return {
    name: name || path.split('/').pop() || 'video.mp4',
    size,
    read: (position, length) =>
      new Promise((resolve, reject) =>
        fs.readFile({
          filePath: path,
          position,
          length,
          success: (answer) => resolve(answer.data),
          fail: (error) => reject(new Error(`读取视频失败：${error?.errMsg ?? '无法读取文件'}`)),
        }),
      ),
  }
}

/** The SHA-256 of a source in hex, read slice by slice so a long video never sits in memory at once. */
export async function sha256Of(source, onProgress = () => {}) {
  const hash = sha256.create()
  for (let offset = 0; offset < source.size; offset += HASH_SLICE) {
    const length = Math.min(HASH_SLICE, source.size - offset)
    hash.update(new Uint8Array(await source.read(offset, length)))
    onProgress((offset + length) / source.size)
  }
  return bytesToHex(hash.digest())
}

/** "4 GB", "500 MB", "900 KB": a limit as people read it. */
export function sizeText(bytes) {
  const kb = bytes / 1024
  const mb = kb / 1024
  if (mb >= 1024) return `${+(mb / 1024).toFixed(1)} GB`
  return mb >= 1 ? `${+mb.toFixed(1)} MB` : `${Math.floor(kb)} KB`
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Base64 of text as UTF-8 (mini-programs have no btoa), as Upload-Metadata wants its values. */
export function base64Utf8(text) {
  const bytes = unescape(encodeURIComponent(text))
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes.charCodeAt(i), bytes.charCodeAt(i + 1), bytes.charCodeAt(i + 2)]
    const n = (a << 16) | ((b || 0) << 8) | (c || 0)
    out += BASE64[n >> 18] + BASE64[(n >> 12) & 63]
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '='
    out += i + 2 < bytes.length ? BASE64[n & 63] : '='
  }
  return out
}

const retryable = (error) => !(error.status >= 400 && error.status < 500) || [409, 423].includes(error.status)

/**
 * Uploads `source` and resolves to `{uploadId, instant}`. `storage` (get/set/remove) remembers unfinished
 * uploads by hash so a later try resumes them; `onProgress({phase: 'hashing'|'uploading', percent})`.
 */
export async function uploadVideoFile({
  client,
  source,
  storage,
  chunkBytes = CHUNK_BYTES,
  retryDelayMs = 1000,
  onProgress = () => {},
}) {
  const maxSize = await serverMaxSize(client)
  if (maxSize && source.size > maxSize) throw new UploadError('file', `视频太大：最大 ${sizeText(maxSize)}`)

  const hash = await sha256Of(source, (fraction) => onProgress({ phase: 'hashing', percent: fraction * 100 }))
  const precheck = await client.post(`${UPLOADS}/precheck`, { sha256: hash, size: source.size, filename: source.name })
  if (precheck.instant) {
    onProgress({ phase: 'uploading', percent: 100 })
    return { uploadId: precheck.uploadId, instant: true }
  }

  const key = `${RESUME_KEY}${hash}.${source.size}`
  let uploadId = storage.get(key)
  let offset = uploadId ? await offsetOf(client, uploadId).catch(() => null) : null
  if (offset === null) {
    uploadId = await create(client, source, hash)
    storage.set(key, uploadId)
    offset = 0
  }
  onProgress({ phase: 'uploading', percent: (offset / source.size) * 100 })

  let failures = 0
  while (offset < source.size) {
    const length = Math.min(chunkBytes, source.size - offset)
    try {
      const bytes = await source.read(offset, length)
      const answer = await client.raw('PATCH', `${UPLOADS}/${uploadId}`, {
        header: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
        bytes,
      })
      offset = Number(answer.header['upload-offset'])
      failures = 0
    } catch (error) {
      if (!retryable(error) || ++failures > RETRIES) throw error
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs * failures))
      // A chunk lost on the way, or half of it stored: the server says where to go on.
      offset = await offsetOf(client, uploadId)
    }
    onProgress({ phase: 'uploading', percent: (offset / source.size) * 100 })
  }
  storage.remove(key)
  return { uploadId, instant: false }
}

/** Tus-Max-Size from the server's OPTIONS, or null when it names none. */
async function serverMaxSize(client) {
  try {
    const answer = await client.raw('OPTIONS', UPLOADS, { header: TUS })
    const max = Number(answer.header['tus-max-size'])
    return max > 0 ? max : null
  } catch {
    return null
  }
}

async function create(client, source, hash) {
  try {
    const answer = await client.raw('POST', UPLOADS, {
      header: {
        ...TUS,
        'Upload-Length': String(source.size),
        'Upload-Metadata': `filename ${base64Utf8(source.name)},sha256 ${base64Utf8(hash)}`,
      },
    })
    const location = answer.header.location
    if (!location) throw new Error('服务器没有给出上传地址')
    return location.replace(/[?#].*$/, '').split('/').pop()
  } catch (error) {
    if (error.status === 413) throw new UploadError('file', '视频太大，超过了服务器允许的大小')
    throw error
  }
}

/** Where the server's copy of an upload ends (tus HEAD). */
async function offsetOf(client, uploadId) {
  const answer = await client.raw('HEAD', `${UPLOADS}/${uploadId}`, { header: TUS })
  const offset = Number(answer.header['upload-offset'])
  if (!Number.isFinite(offset)) throw new Error('服务器没有给出上传进度')
  return offset
}
