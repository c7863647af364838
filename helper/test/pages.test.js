import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import request from 'supertest'
import { helperApp } from './support/helper.js'
import { jsonLdOf, linkOf, metaOf, titleOf } from './support/html.js'
import { startUpstream } from './support/upstream.js'

describe('link previews of video and space pages', () => {
  let upstream
  let app
  let video
  let hidden
  const origin = 'https://www.example.com'

  before(async () => {
    upstream = await startUpstream()
    video = upstream.addVideo({
      title: '【测试】"引号" & <b>标签</b> </script><script>alert(1)</script>',
      description: '第一行\n第二行：描述',
      durationMs: 3_725_400,
      uploader: { uid: '2001', nickname: '测试UP主', avatarUrl: '/media/avatars/2001/a.png' },
    })
    hidden = upstream.addVideo({ title: '还在审核的秘密标题', state: 'REVIEW' })
    upstream.addUser({ uid: '2001', nickname: '测试UP主', avatarUrl: '/media/avatars/2001/a.png', sign: '我的签名', followers: 42 })
    ;({ app } = helperApp(upstream, { SITE_URL: origin }))
  })

  after(() => upstream.close())

  test('a bot fetching a video page sees its title, cover, duration, player and JSON-LD', async () => {
    const response = await request(app).get(`/video/${video.bvid}`).set('User-Agent', 'Twitterbot/1.0').expect(200)
    assert.match(response.type, /html/)
    const html = response.text
    assert.equal(titleOf(html), `${video.title} - OpenBili`)
    assert.equal(metaOf(html, 'og:title'), video.title)
    assert.equal(metaOf(html, 'og:type'), 'video.other')
    assert.equal(metaOf(html, 'og:url'), `${origin}/video/${video.bvid}`)
    assert.equal(metaOf(html, 'og:image'), `${origin}/img/1280x720/videos/1/1/cover.jpg`)
    assert.equal(metaOf(html, 'video:duration'), '3725')
    assert.equal(metaOf(html, 'og:video'), `${origin}/embed/${video.bvid}`)
    assert.equal(metaOf(html, 'twitter:card'), 'player')
    assert.equal(metaOf(html, 'twitter:player'), `${origin}/embed/${video.bvid}`)
    assert.equal(metaOf(html, 'description'), '第一行 第二行：描述')
    assert.equal(linkOf(html, 'canonical'), `${origin}/video/${video.bvid}`)
    assert.equal(
      linkOf(html, 'alternate', 'application/json+oembed'),
      `${origin}/oembed?url=${encodeURIComponent(`${origin}/video/${video.bvid}`)}&format=json`,
    )
    const [ld] = jsonLdOf(html)
    assert.equal(ld['@type'], 'VideoObject')
    assert.equal(ld.name, video.title)
    assert.equal(ld.duration, 'PT1H2M5S')
    assert.equal(ld.uploadDate, video.publishedAt)
    assert.deepEqual(ld.thumbnailUrl, [`${origin}/img/1280x720/videos/1/1/cover.jpg`])
    assert.deepEqual(ld.author, { '@type': 'Person', name: '测试UP主', url: `${origin}/space/2001` })
    assert.deepEqual(
      ld.interactionStatistic.map((s) => [s.interactionType['@type'], s.userInteractionCount]),
      [
        ['WatchAction', 12],
        ['LikeAction', 3],
        ['CommentAction', 2],
      ],
    )
  })

  test('the first requests, all at once, each get the whole page', async () => {
    const { app: fresh } = helperApp(upstream, { SITE_URL: origin })
    const answers = await Promise.all(Array.from({ length: 20 }, () => request(fresh).get(`/video/${video.bvid}`)))
    for (const answer of answers) {
      assert.equal(answer.status, 200)
      assert.equal(metaOf(answer.text, 'og:title'), video.title)
      assert.match(answer.text, /<div id="app"><\/div>/)
    }
  })

  test('the title cannot break out of the head: no markup of its own, one title, the web client intact', async () => {
    const html = (await request(app).get(`/video/${video.bvid}`).expect(200)).text
    assert.equal(html.match(/<script>alert/g), null)
    assert.equal(html.match(/<title>/g).length, 1)
    assert.equal(html.match(/<meta name="description"/g).length, 1)
    assert.match(html, /<script type="module" crossorigin src="\/assets\/index-abc123\.js"><\/script>/)
    assert.match(html, /<div id="app"><\/div>/)
  })

  test('an unpublished video is the not-found page with a 404, and nothing of it is in the page', async () => {
    const response = await request(app).get(`/video/${hidden.bvid}`).expect(404)
    assert.match(response.type, /html/)
    assert.doesNotMatch(response.text, /秘密标题/)
    assert.equal(titleOf(response.text), '视频不存在 - OpenBili')
    assert.equal(metaOf(response.text, 'robots'), 'noindex')
    assert.equal(metaOf(response.text, 'og:title'), undefined)
    assert.match(response.text, /<div id="app"><\/div>/, 'people still get the web client, which shows its not-found page')
  })

  test('unknown and malformed ids are the same 404 page', async () => {
    for (const path of ['/video/BV1zzzzzzzzzzz', '/video/BV1', '/video/%3Cscript%3E', '/space/99999', '/space/abc', '/space/-1']) {
      const response = await request(app).get(path).expect(404)
      assert.match(response.type, /html/, path)
    }
  })

  test('a space page previews the user with their avatar, sign and a ProfilePage', async () => {
    const html = (await request(app).get('/space/2001').expect(200)).text
    assert.equal(titleOf(html), '测试UP主的个人空间 - OpenBili')
    assert.equal(metaOf(html, 'og:type'), 'profile')
    assert.equal(metaOf(html, 'og:image'), `${origin}/img/192x192/avatars/2001/a.png`)
    assert.equal(metaOf(html, 'og:description'), '我的签名')
    const [ld] = jsonLdOf(html)
    assert.equal(ld['@type'], 'ProfilePage')
    assert.equal(ld.mainEntity.name, '测试UP主')
    assert.equal(ld.mainEntity.interactionStatistic[0].userInteractionCount, 42)
  })

  test('without SITE_URL, the addresses are the ones the gateway forwarded', async () => {
    const { app: forwarded } = helperApp(upstream)
    const html = (
      await request(forwarded)
        .get(`/video/${video.bvid}`)
        .set('X-Forwarded-Proto', 'https')
        .set('X-Forwarded-Host', 'bili.example.org')
        .expect(200)
    ).text
    assert.equal(metaOf(html, 'og:url'), `https://bili.example.org/video/${video.bvid}`)
  })

  test('when the video service is down, people get the web client and bots a 503 to retry', async () => {
    upstream.state.up = false
    try {
      const { app: fresh } = helperApp(upstream)
      const response = await request(fresh).get(`/video/${video.bvid}`).expect(503)
      assert.equal(response.headers['retry-after'], '5')
      assert.match(response.text, /<div id="app"><\/div>/)
    } finally {
      upstream.state.up = true
    }
  })
})

describe('malformed requests', () => {
  let upstream
  let app

  before(async () => {
    upstream = await startUpstream()
    ;({ app } = helperApp(upstream))
  })

  after(() => upstream.close())

  test('are 4xx problems, and the helper answers on afterwards', async () => {
    for (const [path, status] of [
      ['/video/%E0%A4%A', 400],
      ['/img/320x180/%ZZ.jpg', 400],
      ['/qr?url=https%3A%2F%2Fevil.example%2F%E0%A4%A', 400],
      ['/oembed?url=http://%5B::1', 404],
      ['/embed/%00', 404],
    ]) {
      const response = await request(app).get(path)
      assert.equal(response.status, status, path)
      if (status === 400) assert.equal(response.type, 'application/problem+json', path)
    }
    const deleted = await request(app).delete('/video/BV1xx').expect(405)
    assert.equal(deleted.headers.allow, 'GET, HEAD')
    await request(app).get('/health').expect(200)
  })
})
