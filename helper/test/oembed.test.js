import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import request from 'supertest'
import { helperApp } from './support/helper.js'
import { startUpstream } from './support/upstream.js'

describe('oEmbed and the embeddable player', () => {
  let upstream
  let app
  let video
  let hidden
  const origin = 'https://www.example.com'

  before(async () => {
    upstream = await startUpstream()
    video = upstream.addVideo({ title: '嵌入 "测试" <视频>', uploader: { uid: '3001', nickname: '嵌入UP', avatarUrl: null } })
    hidden = upstream.addVideo({ title: '转码失败的秘密', state: 'FAILED' })
    ;({ app } = helperApp(upstream, { SITE_URL: origin }))
  })

  after(() => upstream.close())

  test('a video URL resolves to oEmbed 1.0 with an iframe of the player, the author and a thumbnail', async () => {
    const response = await request(app)
      .get('/oembed')
      .query({ url: `${origin}/video/${video.bvid}`, format: 'json' })
      .expect(200)
    assert.match(response.type, /json/)
    assert.deepEqual(
      { ...response.body, html: undefined },
      {
        version: '1.0',
        type: 'video',
        provider_name: 'OpenBili',
        provider_url: `${origin}/`,
        title: video.title,
        author_name: '嵌入UP',
        author_url: `${origin}/space/3001`,
        cache_age: 3600,
        width: 640,
        height: 360,
        html: undefined,
        thumbnail_url: `${origin}/img/1280x720/videos/1/1/cover.jpg`,
        thumbnail_width: 1280,
        thumbnail_height: 720,
      },
    )
    assert.equal(
      response.body.html,
      `<iframe src="${origin}/embed/${video.bvid}" width="640" height="360" title="嵌入 &#34;测试&#34; &#60;视频&#62;" ` +
        'frameborder="0" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>',
    )
  })

  test('maxwidth and maxheight shrink the player and pick a thumbnail that fits', async () => {
    const { body } = await request(app)
      .get('/oembed')
      .query({ url: `${origin}/video/${video.bvid}`, maxwidth: '400', maxheight: '300' })
      .expect(200)
    assert.equal(body.width, 400)
    assert.equal(body.height, 225)
    assert.equal(body.thumbnail_width, 320)
    assert.match(body.html, /width="400" height="225"/)
  })

  test('what it cannot answer: as the oEmbed specification says, with problems', async () => {
    const cases = [
      [{}, 400, 'VALIDATION_FAILED'],
      [{ url: `${origin}/video/${video.bvid}`, format: 'xml' }, 501, 'FORMAT_NOT_SUPPORTED'],
      [{ url: `${origin}/video/${video.bvid}`, maxwidth: 'huge' }, 400, 'VALIDATION_FAILED'],
      [{ url: `https://evil.example.net/video/${video.bvid}` }, 404, 'NOT_EMBEDDABLE'],
      [{ url: `${origin}/space/3001` }, 404, 'NOT_EMBEDDABLE'],
      [{ url: 'not a url at all' }, 404, 'NOT_EMBEDDABLE'],
      [{ url: `${origin}/video/${hidden.bvid}` }, 404, 'VIDEO_NOT_FOUND'],
    ]
    for (const [query, status, code] of cases) {
      const response = await request(app).get('/oembed').query(query).expect(status)
      assert.equal(response.type, 'application/problem+json', JSON.stringify(query))
      assert.equal(response.body.code, code, JSON.stringify(query))
    }
  })

  test('the player page names the stream and the video, escaped, and loads only its own scripts', async () => {
    const response = await request(app).get(`/embed/${video.bvid}`).expect(200)
    const html = response.text
    assert.match(html, new RegExp(`data-play-url="/media/videos/1/1/master.m3u8"`))
    assert.match(html, new RegExp(`data-bvid="${video.bvid}"`))
    assert.match(html, /<title>嵌入 &#34;测试&#34; &#60;视频&#62; - OpenBili<\/title>/)
    assert.match(html, /id="danmaku-toggle"/)
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1])
    assert.deepEqual(
      scripts.map((attributes) => /src="([^"?]+)/.exec(attributes)?.[1]),
      ['/embed/assets/hls.min.js', '/embed/assets/player.js'],
      'no inline script: the Content-Security-Policy allows none',
    )
    for (const src of html.match(/\/embed\/assets\/[^"]+/g)) {
      const asset = await request(app).get(src).expect(200)
      assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable')
    }
  })

  test('an unpublished or unknown video has no player', async () => {
    for (const bvid of [hidden.bvid, 'BV1zzzzzzzzzzz', 'nope']) {
      const response = await request(app).get(`/embed/${bvid}`).expect(404)
      assert.doesNotMatch(response.text, /秘密/)
    }
    await request(app).get('/embed/assets/nope.js').expect(404)
  })
})
