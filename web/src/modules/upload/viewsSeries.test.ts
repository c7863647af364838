import { describe, expect, it } from 'vitest'
import type { Video } from '@/api'
import { viewsByPublishDay } from './viewsSeries'

const video = (publishedAt: string | null, views: number, state: Video['state'] = 'PUBLISHED') =>
  ({ publishedAt, state, stats: { views } }) as Video

describe('viewsByPublishDay', () => {
  it('adds up views per publication day, in date order, with the running total', () => {
    const points = viewsByPublishDay(
      [
        video('2026-11-03T10:00:00Z', 5),
        video('2026-11-01T08:00:00Z', 10),
        video('2026-11-03T23:00:00Z', 1),
        video(null, 99, 'PROCESSING'),
        video('2026-11-02T00:00:00Z', 7, 'REJECTED'),
      ],
      'UTC',
    )
    expect(points).toEqual([
      { day: '2026-11-01', views: 10, cumulative: 10 },
      { day: '2026-11-03', views: 6, cumulative: 16 },
    ])
  })

  it('places a video on the day it was published where the viewer lives', () => {
    const [point] = viewsByPublishDay([video('2026-11-01T20:00:00Z', 3)], 'Asia/Shanghai')
    expect(point?.day).toBe('2026-11-02')
  })
})
