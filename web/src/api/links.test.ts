import { describe, expect, it } from 'vitest'
import { coverSrcset, embedSnippet, qrCodeUrl, resizedImage } from './links'

describe('links to what the helper makes', () => {
  it('turns a stored picture into its resized address, on the same host', () => {
    expect(resizedImage('/media/videos/1/2/cover.jpg', '320x180')).toBe('/img/320x180/videos/1/2/cover.jpg')
    expect(resizedImage('https://cdn.example.com/media/avatars/7/a.png', '96x96')).toBe(
      'https://cdn.example.com/img/96x96/avatars/7/a.png',
    )
  })

  it('leaves what is no stored picture alone', () => {
    expect(resizedImage(null, '320x180')).toBeNull()
    expect(resizedImage('/media/videos/1/2/master.m3u8', '320x180')).toBeNull()
    expect(resizedImage('/media/_s/123/abc/videos/1/cover.jpg', '320x180')).toBeNull()
    expect(resizedImage('https://elsewhere.example.com/cover.jpg', '320x180')).toBeNull()
    expect(coverSrcset(null)).toBeNull()
  })

  it('offers a card three widths to choose from', () => {
    expect(coverSrcset('/media/v/c.jpg')).toBe(
      '/img/320x180/v/c.jpg 320w, /img/480x270/v/c.jpg 480w, /img/640x360/v/c.jpg 640w',
    )
  })

  it('asks for QR codes of the page and escapes the title in the embed code', () => {
    expect(qrCodeUrl('http://localhost:8080/video/BV1xx')).toBe(
      '/qr?url=http%3A%2F%2Flocalhost%3A8080%2Fvideo%2FBV1xx&format=png',
    )
    expect(embedSnippet('https://b.example.com', 'BV1xx', '"<猫>"')).toBe(
      '<iframe src="https://b.example.com/embed/BV1xx" width="640" height="360" title="&#34;&#60;猫&#62;&#34;" ' +
        'frameborder="0" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>',
    )
  })
})
