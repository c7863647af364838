import type { Danmaku } from '@/api'

/**
 * The danmaku of a video ordered by their time in it. The player asks, frame by frame, which ones became
 * due since the last frame; a jump in time (seek) simply asks for a window that starts elsewhere.
 */
export class DanmakuTimeline {
  private items: Danmaku[] = []
  private readonly ids = new Set<string>()

  get size() {
    return this.items.length
  }

  /** Adds danmaku (a loaded segment, or one that arrived live), ignoring any already known. */
  add(danmaku: Danmaku[]) {
    const fresh = danmaku.filter((d) => !this.ids.has(d.id))
    if (fresh.length === 0) return
    fresh.forEach((d) => this.ids.add(d.id))
    this.items = [...this.items, ...fresh].sort((a, b) => a.progressMs - b.progressMs)
  }

  has(id: string) {
    return this.ids.has(id)
  }

  /** Danmaku with `fromMs < progressMs <= toMs`, in time order. */
  due(fromMs: number, toMs: number): Danmaku[] {
    if (toMs <= fromMs) return []
    const start = this.firstAfter(fromMs)
    const due: Danmaku[] = []
    for (let i = start; i < this.items.length && this.items[i]!.progressMs <= toMs; i++) due.push(this.items[i]!)
    return due
  }

  private firstAfter(ms: number) {
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.items[mid]!.progressMs <= ms) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** The 6-minute segment (from 1) that holds a playback time, as `GET …/danmaku?segment=N` numbers them. */
export const SEGMENT_MS = 6 * 60 * 1000
export function segmentOf(progressMs: number) {
  return Math.floor(Math.max(0, progressMs) / SEGMENT_MS) + 1
}
