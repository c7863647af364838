import type { Video } from '@/api'

export interface ViewsPoint {
  /** Day of publication, YYYY-MM-DD in the viewer's time zone. */
  day: string
  /** Views of the videos published that day. */
  views: number
  /** Views of everything published up to and including that day. */
  cumulative: number
}

/**
 * My videos' views over time as the API can tell them today: each published video's views placed on the
 * day it was published, and the running total. (A per-day view history needs a statistics endpoint.)
 */
export function viewsByPublishDay(videos: Video[], timeZone?: string): ViewsPoint[] {
  const byDay = new Map<string, number>()
  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  for (const video of videos) {
    if (video.state !== 'PUBLISHED' || !video.publishedAt) continue
    const day = dayOf.format(new Date(video.publishedAt))
    byDay.set(day, (byDay.get(day) ?? 0) + (video.stats?.views ?? 0))
  }
  let total = 0
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, views]) => ({ day, views, cumulative: (total += views) }))
}
