import { describe, expect, it } from 'vitest'
import { cueAt, parseThumbnailVtt } from './thumbnails'

const vtt = `WEBVTT

00:00:00.000 --> 00:00:05.000
sprite.jpg#xywh=0,0,160,90

00:00:05.000 --> 00:00:10.000
sprite.jpg#xywh=160,0,160,90

1
00:01:00.000 --> 00:01:05.500
sprite-2.jpg#xywh=0,90,160,90
`

describe('thumbnail sprite index', () => {
  const cues = parseThumbnailVtt(vtt, 'http://site/media/v/BV1/thumbs.vtt')

  it('reads every tile with its time range and its place in the sprite', () => {
    expect(cues).toHaveLength(3)
    expect(cues[1]).toEqual({
      startMs: 5000,
      endMs: 10000,
      url: 'http://site/media/v/BV1/sprite.jpg',
      x: 160,
      y: 0,
      w: 160,
      h: 90,
    })
    expect(cues[2]).toMatchObject({
      startMs: 60_000,
      endMs: 65_500,
      url: 'http://site/media/v/BV1/sprite-2.jpg',
      y: 90,
    })
  })

  it('finds the tile under the pointer on the seek bar', () => {
    expect(cueAt(cues, 0)?.x).toBe(0)
    expect(cueAt(cues, 7_200)?.x).toBe(160)
    expect(cueAt(cues, 61_000)?.url).toContain('sprite-2.jpg')
    expect(cueAt([], 1000)).toBeUndefined()
  })

  it('skips cues that name no tile instead of failing the preview', () => {
    expect(parseThumbnailVtt('WEBVTT\n\n00:00.000 --> 00:05.000\nnot-a-tile.jpg\n', '/t.vtt')).toEqual([])
  })
})
