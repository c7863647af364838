import { describe, expect, it } from 'vitest'
import { danmakuOfFrame } from './live'

/** A danmaku as the message service's DanmakuRelay publishes it to a video's room. */
const item = {
  id: '7301234567890123456',
  uid: '7',
  progressMs: 1200,
  mode: 'top',
  color: '#fe0302',
  size: 36,
  content: '前方高能',
  sentAt: '2026-01-01T12:00:00.123Z',
}

/** The frame a node sends a viewer for one tick of the room (RoomBatches). */
function frame(...items: unknown[]) {
  return { op: 'danmaku', room: 'video:BV1xx411c7mD', items }
}

describe('danmakuOfFrame', () => {
  it('reads every danmaku of the tick in order, keeping 64-bit ids as strings', () => {
    const second = { ...item, id: '7301234567890123457', content: '名场面' }
    expect(danmakuOfFrame(frame(item, second))).toEqual([
      {
        id: '7301234567890123456',
        uid: '7',
        progressMs: 1200,
        mode: 'top',
        color: '#fe0302',
        size: 36,
        content: '前方高能',
      },
      expect.objectContaining({ id: '7301234567890123457', content: '名场面' }),
    ])
  })

  it('refuses a colour that is not #rrggbb, so a frame cannot inject CSS', () => {
    expect(danmakuOfFrame(frame({ ...item, color: 'red;background:url(x)' }))[0]?.color).toBe('#ffffff')
  })

  it('falls back to the defaults for a mode or size it does not know', () => {
    expect(danmakuOfFrame(frame({ ...item, mode: 'reverse', size: 'huge' }))[0]).toMatchObject({
      mode: 'scroll',
      size: 25,
    })
  })

  it('skips items without text or id, and frames without items', () => {
    expect(danmakuOfFrame(frame({ ...item, content: undefined }, { ...item, id: undefined }, null, 'x'))).toEqual([])
    expect(danmakuOfFrame({ op: 'danmaku', room: 'video:BV1xx411c7mD' })).toEqual([])
  })
})
