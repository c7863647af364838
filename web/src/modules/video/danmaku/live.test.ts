import { describe, expect, it } from 'vitest'
import { danmakuOfFrame } from './live'

/** A frame as the message service's DanmakuRelay sends it to the viewers of a video. */
const pushed = {
  op: 'danmaku',
  room: 'video:BV1xx411c7mD',
  id: '7301234567890123456',
  uid: '7',
  progressMs: 1200,
  mode: 'top',
  color: '#fe0302',
  size: 36,
  content: '前方高能',
  sentAt: '2026-01-01T12:00:00.123Z',
}

describe('danmakuOfFrame', () => {
  it('reads the danmaku the server pushes, keeping its 64-bit id as a string', () => {
    expect(danmakuOfFrame(pushed)).toEqual({
      id: '7301234567890123456',
      uid: '7',
      progressMs: 1200,
      mode: 'top',
      color: '#fe0302',
      size: 36,
      content: '前方高能',
    })
  })

  it('refuses a colour that is not #rrggbb, so a frame cannot inject CSS', () => {
    expect(danmakuOfFrame({ ...pushed, color: 'red;background:url(x)' })?.color).toBe('#ffffff')
  })

  it('falls back to the defaults for a mode or size it does not know', () => {
    expect(danmakuOfFrame({ ...pushed, mode: 'reverse', size: 'huge' })).toMatchObject({ mode: 'scroll', size: 25 })
  })

  it('ignores frames without text or id', () => {
    expect(danmakuOfFrame({ ...pushed, content: undefined })).toBeNull()
    expect(danmakuOfFrame({ ...pushed, id: undefined })).toBeNull()
  })
})
