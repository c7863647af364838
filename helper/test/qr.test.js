import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import sharp from 'sharp'
import request from 'supertest'
import { helperApp } from './support/helper.js'
import { startUpstream } from './support/upstream.js'

describe('QR codes of this site’s URLs', () => {
  let upstream
  let app
  const origin = 'https://www.example.com'

  before(async () => {
    upstream = await startUpstream()
    ;({ app } = helperApp(upstream, { SITE_URL: origin }))
  })

  after(() => upstream.close())

  test('a video page’s URL is a 320 px PNG, or an SVG', async () => {
    const png = await request(app).get('/qr').query({ url: `${origin}/video/BV1xxxxxxxxxxx` }).buffer(true).expect(200)
    assert.equal(png.type, 'image/png')
    const { width, height, format } = await sharp(png.body).metadata()
    assert.deepEqual({ width, height, format }, { width: 320, height: 320, format: 'png' })

    const svg = await request(app).get('/qr').query({ url: '/space/42', format: 'svg' }).buffer(true).expect(200)
    assert.equal(svg.type, 'image/svg+xml')
    assert.match(svg.body.toString(), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
  })

  test('another site’s URL, or none, or a huge one, is a 400 problem naming the field', async () => {
    const cases = [
      [{ url: 'https://evil.example.net/phish' }, 'FOREIGN_URL'],
      [{ url: 'https://www.example.com.evil.net/' }, 'FOREIGN_URL'],
      [{ url: 'https://user:pw@www.example.com/' }, 'FOREIGN_URL'],
      [{ url: 'javascript:alert(1)' }, 'FOREIGN_URL'],
      [{}, 'VALIDATION_FAILED'],
      [{ url: `${origin}/${'x'.repeat(2000)}` }, 'VALIDATION_FAILED'],
      [{ url: `${origin}/`, format: 'gif' }, 'VALIDATION_FAILED'],
    ]
    for (const [query, code] of cases) {
      const response = await request(app).get('/qr').query(query).expect(400)
      assert.equal(response.type, 'application/problem+json')
      assert.equal(response.body.code, code, JSON.stringify(query))
      assert.ok(['url', 'format'].includes(response.body.errors[0].field))
    }
  })
})
