import { describe, expect, it } from 'vitest'
import type { Danmaku } from '@/api'
import { DanmakuTimeline, segmentOf } from './timeline'

const at = (id: string, progressMs: number): Danmaku => ({
  id,
  uid: '1',
  progressMs,
  mode: 'scroll',
  color: '#ffffff',
  size: 25,
  content: id,
})

describe('DanmakuTimeline', () => {
  it('hands out each danmaku when playback passes its time, in order', () => {
    const timeline = new DanmakuTimeline()
    timeline.add([at('c', 3000), at('a', 1000), at('b', 2000)])
    expect(timeline.due(0, 1500).map((d) => d.id)).toEqual(['a'])
    expect(timeline.due(1500, 3000).map((d) => d.id)).toEqual(['b', 'c'])
    expect(timeline.due(3000, 9000)).toEqual([])
  })

  it('shows the same danmaku again after seeking back to before it', () => {
    const timeline = new DanmakuTimeline()
    timeline.add([at('a', 1000)])
    expect(timeline.due(0, 1200)).toHaveLength(1)
    expect(timeline.due(900, 1100).map((d) => d.id)).toEqual(['a'])
  })

  it('ignores a danmaku it already has (a live echo of one loaded or posted here)', () => {
    const timeline = new DanmakuTimeline()
    timeline.add([at('a', 1000)])
    timeline.add([at('a', 1000), at('b', 500)])
    expect(timeline.size).toBe(2)
    expect(timeline.due(0, 2000).map((d) => d.id)).toEqual(['b', 'a'])
  })

  it('numbers 6-minute segments from 1', () => {
    expect(segmentOf(0)).toBe(1)
    expect(segmentOf(359_999)).toBe(1)
    expect(segmentOf(360_000)).toBe(2)
  })
})
