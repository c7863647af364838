import { createHash, randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient } from './client'
import { createApi } from '.'
import { createTokenStore } from './session'
import { base64Utf8, blobSource, fileSystemSource, sha256Of, uploadVideoFile } from './tus'
import { fetchTransport, startTusServer } from '../test/tusServer'
import { jwt, memoryStorage } from '../test/fakeServer'

let server
afterEach(() => server?.close())

/** The app's client against the server, signed in; `methodOverride` as in a mini-program. */
function clientOf(options = {}) {
  const tokens = createTokenStore(memoryStorage())
  tokens.write({ accessToken: jwt('7'), refreshToken: 'R1' })
  return createClient({ baseUrl: server.baseUrl, transport: fetchTransport, tokens, ...options })
}

const video = (size) => new Blob([randomBytes(size)], { type: 'video/mp4' })
const hex = async (blob) => createHash('sha256').update(Buffer.from(await blob.arrayBuffer())).digest('hex')
const notInstant = { 'POST /api/v1/uploads/precheck': () => ({ instant: false }) }

describe('uploading a video over tus', () => {
  it('hashes, creates the upload with its name and hash, and sends it chunk by chunk', async () => {
    server = await startTusServer({ routes: notInstant })
    const file = new File([await video(2500).arrayBuffer()], '我的视频.mp4')
    const progress = []
    const { uploadId, instant } = await uploadVideoFile({
      client: clientOf(),
      source: blobSource(file),
      storage: memoryStorage(),
      chunkBytes: 1000,
      onProgress: (p) => progress.push(p),
    })
    expect(instant).toBe(false)
    expect(server.stored(uploadId)).toEqual(Buffer.from(await file.arrayBuffer()))
    const create = server.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/uploads')
    expect(create.headers['upload-length']).toBe('2500')
    expect(create.headers['upload-metadata']).toBe(
      `filename ${Buffer.from('我的视频.mp4').toString('base64')},sha256 ${Buffer.from(await hex(file)).toString('base64')}`,
    )
    expect(create.headers.authorization).toMatch(/^Bearer /)
    const patches = server.requests.filter((r) => r.method === 'PATCH')
    expect(patches.map((r) => r.headers['upload-offset'])).toEqual(['0', '1000', '2000'])
    expect(progress.filter((p) => p.phase === 'uploading').map((p) => Math.round(p.percent))).toEqual([0, 40, 80, 100])
    expect(progress.some((p) => p.phase === 'hashing')).toBe(true)
  })

  it('sends PATCH as POST with X-HTTP-Method-Override in a mini-program, reading the file piece by piece', async () => {
    server = await startTusServer({ routes: notInstant })
    const blob = await video(1500)
    const bytes = Buffer.from(await blob.arrayBuffer())
    // wx's FileSystemManager.readFile, over the bytes of a "temp file"
    const fs = {
      readFile: ({ position, length, success }) =>
        success({ data: bytes.buffer.slice(bytes.byteOffset + position, bytes.byteOffset + position + length) }),
    }
    const source = fileSystemSource({ path: 'wxfile://tmp/abc.mp4', size: bytes.length }, fs)
    expect(source.name).toBe('abc.mp4')
    const { uploadId } = await uploadVideoFile({
      client: clientOf({ methodOverride: true }),
      source,
      storage: memoryStorage(),
      chunkBytes: 1000,
    })
    expect(server.stored(uploadId)).toEqual(bytes)
    const writes = server.requests.filter((r) => r.path.endsWith(uploadId) && r.method !== 'HEAD')
    expect(writes.map((r) => [r.method, r.headers['x-http-method-override']])).toEqual([
      ['POST', 'PATCH'],
      ['POST', 'PATCH'],
    ])
  })

  it('sends nothing when the server already has the same bytes (秒传)', async () => {
    const file = await video(3000)
    let asked
    server = await startTusServer({
      routes: { 'POST /api/v1/uploads/precheck': (body) => ((asked = body), { instant: true, uploadId: 'u-same' }) },
    })
    const result = await uploadVideoFile({ client: clientOf(), source: blobSource(file), storage: memoryStorage() })
    expect(result).toEqual({ uploadId: 'u-same', instant: true })
    expect(asked).toEqual({ sha256: await hex(file), size: 3000, filename: 'video.mp4' })
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/uploads')).toHaveLength(0)
  })

  it('asks the server where it stands (HEAD) after a lost chunk and goes on from there', async () => {
    let failed = 0
    server = await startTusServer({
      routes: notInstant,
      beforeTus: (req, res) => {
        if (req.method === 'PATCH' && req.headers['upload-offset'] === '1000' && failed++ === 0) {
          res.writeHead(503).end()
          return true
        }
        return false
      },
    })
    const file = await video(2500)
    const { uploadId } = await uploadVideoFile({
      client: clientOf(),
      source: blobSource(file),
      storage: memoryStorage(),
      chunkBytes: 1000,
      retryDelayMs: 1,
    })
    expect(server.stored(uploadId)).toEqual(Buffer.from(await file.arrayBuffer()))
    expect(server.requests.filter((r) => r.path.endsWith(uploadId)).map((r) => r.method)).toEqual([
      'PATCH',
      'PATCH',
      'HEAD',
      'PATCH',
      'PATCH',
    ])
  })

  it('resumes an upload a former try left unfinished instead of starting again', async () => {
    let refuse = true
    server = await startTusServer({
      routes: notInstant,
      beforeTus: (req, res) => {
        if (refuse && req.method === 'PATCH' && req.headers['upload-offset'] === '1000') {
          res.writeHead(403, { 'Content-Type': 'application/problem+json' }).end('{"code":"FORBIDDEN","detail":"不行"}')
          return true
        }
        return false
      },
    })
    const file = await video(2500)
    const storage = memoryStorage()
    const options = { client: clientOf(), source: blobSource(file), storage, chunkBytes: 1000 }
    await expect(uploadVideoFile(options)).rejects.toMatchObject({ status: 403, message: '不行' })
    refuse = false
    const { uploadId } = await uploadVideoFile(options)
    expect(server.stored(uploadId)).toEqual(Buffer.from(await file.arrayBuffer()))
    const creations = server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/uploads')
    expect(creations).toHaveLength(1)
    const resumed = server.requests.filter((r) => r.path.endsWith(uploadId)).map((r) => r.method)
    expect(resumed.slice(-3)).toEqual(['HEAD', 'PATCH', 'PATCH'])
  })

  it('refuses a file above the server’s Tus-Max-Size before hashing or sending it', async () => {
    server = await startTusServer({ routes: notInstant, maxSize: 2 * 1024 * 1024 })
    const file = await video(2 * 1024 * 1024 + 1)
    await expect(
      uploadVideoFile({ client: clientOf(), source: blobSource(file), storage: memoryStorage() }),
    ).rejects.toMatchObject({ field: 'file', message: '视频太大：最大 2 MB' })
    expect(server.requests.map((r) => r.method)).toEqual(['OPTIONS'])
  })
})

describe('the pieces', () => {
  it('hashes as Node does, a slice at a time', async () => {
    const blob = await video(9 * 1024 * 1024 + 7)
    const fractions = []
    expect(await sha256Of(blobSource(blob), (f) => fractions.push(f))).toBe(await hex(blob))
    expect(fractions.at(-1)).toBe(1)
    expect(fractions.length).toBe(3)
  })

  it('encodes metadata values as base64 of UTF-8', () => {
    for (const text of ['', 'a', 'ab', 'abc', '投稿 视频.mp4', '😀x']) {
      expect(base64Utf8(text)).toBe(Buffer.from(text).toString('base64'))
    }
  })

  it('submits the video with the upload id', async () => {
    let draft
    server = await startTusServer({ routes: { 'POST /api/v1/videos': (body) => ((draft = body), { status: 201, body: { bvid: 'BV1', state: 'UPLOADING' } }) } })
    const api = createApi(clientOf())
    expect(await api.videos.create({ uploadId: 'u1', title: 't', description: '', partition: 'anime', tags: [] })).toEqual({
      bvid: 'BV1',
      state: 'UPLOADING',
    })
    expect(draft.uploadId).toBe('u1')
  })
})
