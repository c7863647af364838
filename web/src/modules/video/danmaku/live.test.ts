import { describe, expect, it } from 'vitest'
import { danmakuOfFrame } from './live'

describe('danmakuOfFrame', () => {
  it('reads a pushed danmaku whether its fields are at the top or under "danmaku"', () => {
    const flat = danmakuOfFrame({
      op: 'danmaku',
      room: 'video:BV1',
      danmakuId: '99',
      uid: '7',
      progressMs: 1200,
      mode: 'top',
      color: '#fe0302',
      size: 36,
      content: '前方高能',
    })
    const nested = danmakuOfFrame({ op: 'danmaku', room: 'video:BV1', danmaku: { id: '99', content: '前方高能' } })
    expect(flat).toEqual({
      id: '99',
      uid: '7',
      progressMs: 1200,
      mode: 'top',
      color: '#fe0302',
      size: 36,
      content: '前方高能',
    })
    expect(nested).toMatchObject({ id: '99', mode: 'scroll', color: '#ffffff', size: 25 })
  })

  it('refuses a colour that is not #rrggbb, so a frame cannot inject CSS', () => {
    const d = danmakuOfFrame({ op: 'danmaku', id: '1', content: 'x', color: 'red;background:url(x)' })
    expect(d?.color).toBe('#ffffff')
  })

  it('ignores frames without text or id', () => {
    expect(danmakuOfFrame({ op: 'danmaku', id: '1' })).toBeNull()
    expect(danmakuOfFrame({ op: 'danmaku', content: 'x' })).toBeNull()
  })
})
