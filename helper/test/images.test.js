import assert from 'node:assert/strict'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import sharp from 'sharp'
import request from 'supertest'
import { formatFor } from '../src/images.js'
import { helperApp } from './support/helper.js'
import { ACCESS_KEY, SECRET_KEY, startS3proxy } from './support/s3proxy.js'
import { startUpstream } from './support/upstream.js'

const CHROMIUM_ACCEPT = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8'

/** A 1280×720 cover as the transcoder writes it: a JPEG with a picture in it. */
function cover() {
  const pixels = Buffer.alloc(1280 * 720 * 3)
  for (let i = 0; i < pixels.length; i += 3) {
    const x = (i / 3) % 1280
    pixels[i] = x % 256
    pixels[i + 1] = 128
    pixels[i + 2] = 255 - (x % 256)
  }
  return sharp(pixels, { raw: { width: 1280, height: 720, channels: 3 } }).jpeg().toBuffer()
}

/** Reads a whole binary answer (supertest leaves images unread otherwise). */
function binary(req) {
  return req.buffer(true).parse((res, done) => {
    const chunks = []
    res.on('data', (chunk) => chunks.push(chunk))
    res.on('end', () => done(null, Buffer.concat(chunks)))
  })
}

async function describeImage(body) {
  const { width, height, format } = await sharp(body).metadata()
  return { width, height, format }
}

describe('resized images from the local media store', () => {
  let upstream
  let app
  let dataDir
  const key = 'videos/42/1/cover.jpg'

  before(async () => {
    upstream = await startUpstream()
    ;({ app, dataDir } = helperApp(upstream))
    mkdirSync(join(dataDir, 'media/videos/42/1'), { recursive: true })
    writeFileSync(join(dataDir, 'media', key), await cover())
    mkdirSync(join(dataDir, 'media/avatars/7'), { recursive: true })
    writeFileSync(join(dataDir, 'media/avatars/7/broken.png'), 'not a picture at all')
    writeFileSync(join(dataDir, 'secret.jpg'), await cover())
    symlinkSync(join(dataDir, 'secret.jpg'), join(dataDir, 'media/avatars/7/link.jpg'))
  })

  after(() => upstream.close())

  test('a browser that takes WebP gets a 320×180 WebP, then a 304 for its ETag', async () => {
    const first = await binary(request(app).get(`/img/320x180/${key}`).set('Accept', CHROMIUM_ACCEPT)).expect(200)
    assert.equal(first.type, 'image/webp')
    assert.deepEqual(await describeImage(first.body), { width: 320, height: 180, format: 'webp' })
    assert.equal(first.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.equal(first.headers.vary, 'Accept')
    const etag = first.headers.etag
    assert.match(etag, /^"[\w-]+"$/)

    const again = await request(app).get(`/img/320x180/${key}`).set('Accept', CHROMIUM_ACCEPT).set('If-None-Match', etag)
    assert.equal(again.status, 304)
    assert.equal(again.headers.etag, etag)
    // as Node's fetch asks: its conditional requests carry Cache-Control: no-cache
    const revalidated = await request(app)
      .get(`/img/320x180/${key}`)
      .set('Accept', CHROMIUM_ACCEPT)
      .set('Cache-Control', 'no-cache')
      .set('If-None-Match', `"other", W/${etag}`)
    assert.equal(revalidated.status, 304)
    const other = await binary(request(app).get(`/img/320x180/${key}`).set('Accept', '*/*').set('If-None-Match', etag))
    assert.equal(other.status, 200, 'the JPEG is another picture than the WebP')
  })

  test('AVIF when only AVIF is named, JPEG for everyone else; each its own ETag', async () => {
    const avif = await binary(request(app).get(`/img/640x360/${key}`).set('Accept', 'image/avif,*/*')).expect(200)
    assert.equal(avif.type, 'image/avif')
    assert.deepEqual(await describeImage(avif.body), { width: 640, height: 360, format: 'heif' })
    const jpeg = await binary(request(app).get(`/img/640x360/${key}`).set('Accept', '*/*')).expect(200)
    assert.equal(jpeg.type, 'image/jpeg')
    assert.deepEqual(await describeImage(jpeg.body), { width: 640, height: 360, format: 'jpeg' })
    assert.notEqual(avif.headers.etag, jpeg.headers.etag)
    const square = await binary(request(app).get(`/img/96x96/${key}`)).expect(200)
    assert.deepEqual(await describeImage(square.body), { width: 96, height: 96, format: 'jpeg' })
  })

  test('Accept is read with its weights', () => {
    assert.equal(formatFor('image/webp;q=0,image/avif'), 'avif')
    assert.equal(formatFor('image/jpeg'), 'jpeg')
    assert.equal(formatFor(undefined), 'jpeg')
    assert.equal(formatFor('image/webp; q=0.5'), 'webp')
  })

  test('sizes off the list, paths out of the store and what is no image are 4xx problems', async () => {
    const cases = [
      [`/img/4000x4000/${key}`, 400, 'VALIDATION_FAILED'],
      [`/img/321x180/${key}`, 400, 'VALIDATION_FAILED'],
      [`/img/320x180x2/${key}`, 400, 'VALIDATION_FAILED'],
      ['/img/320x180/../../secret.jpg', 400, 'VALIDATION_FAILED'],
      ['/img/320x180/videos/..%2F..%2Fsecret.jpg', 400, 'VALIDATION_FAILED'],
      ['/img/320x180/%2Fetc%2Fpasswd.jpg', 400, 'VALIDATION_FAILED'],
      ['/img/320x180/originals/abc.jpg', 400, 'VALIDATION_FAILED'],
      ['/img/320x180/videos/42/1/master.m3u8', 400, 'VALIDATION_FAILED'],
      ['/img/320x180/avatars/7/link.jpg', 404, 'IMAGE_NOT_FOUND'],
      ['/img/320x180/videos/42/1/nope.jpg', 404, 'IMAGE_NOT_FOUND'],
      ['/img/320x180/avatars/7/broken.png', 422, 'IMAGE_UNREADABLE'],
      ['/img/320x180', 404, 'NOT_FOUND'],
    ]
    for (const [path, status, code] of cases) {
      const response = await request(app).get(path)
      assert.equal(response.status, status, path)
      assert.equal(response.type, 'application/problem+json', path)
      assert.equal(JSON.parse(response.text).code, code, path)
    }
  })

  test('a burst of requests for one image gets the same whole picture every time', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => binary(request(app).get(`/img/480x270/${key}`).set('Accept', CHROMIUM_ACCEPT))),
    )
    for (const answer of answers) {
      assert.equal(answer.status, 200)
      assert.deepEqual(await describeImage(answer.body), { width: 480, height: 270, format: 'webp' })
    }
  })
})

describe('resized images from an S3 bucket (S3_ENDPOINT)', () => {
  let upstream
  let s3proxy
  let app

  before(async () => {
    ;[upstream, s3proxy] = await Promise.all([startUpstream(), startS3proxy()])
    const s3 = new S3Client({
      endpoint: s3proxy.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    })
    await s3.send(new CreateBucketCommand({ Bucket: 'media-test' }))
    await s3.send(
      new PutObjectCommand({ Bucket: 'media-test', Key: 'videos/9/2/cover.jpg', Body: await cover(), ContentType: 'image/jpeg' }),
    )
    ;({ app } = helperApp(upstream, {
      S3_ENDPOINT: s3proxy.endpoint,
      S3_BUCKET: 'media-test',
      S3_ACCESS_KEY: ACCESS_KEY,
      S3_SECRET_KEY: SECRET_KEY,
    }))
  })

  after(async () => {
    await Promise.all([upstream?.close(), s3proxy?.stop()])
  })

  test('the same sizes and validators, read from the bucket', async () => {
    const first = await binary(request(app).get('/img/320x180/videos/9/2/cover.jpg').set('Accept', CHROMIUM_ACCEPT)).expect(200)
    assert.deepEqual(await describeImage(first.body), { width: 320, height: 180, format: 'webp' })
    const again = await request(app)
      .get('/img/320x180/videos/9/2/cover.jpg')
      .set('Accept', CHROMIUM_ACCEPT)
      .set('If-None-Match', first.headers.etag)
    assert.equal(again.status, 304)
    const missing = await request(app).get('/img/320x180/videos/9/2/none.jpg').expect(404)
    assert.equal(JSON.parse(missing.text).code, 'IMAGE_NOT_FOUND')
  })
})
