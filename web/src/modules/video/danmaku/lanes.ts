import type { DanmakuMode } from '@/api'

export interface LaneOptions {
  /** Size of the stage in CSS pixels. */
  width: number
  height: number
  lineHeight: number
  /** How long a scrolling danmaku takes to cross the stage; longer text moves faster (as on Bilibili). */
  scrollMs: number
  /** How long a top or bottom danmaku stays. */
  fixedMs: number
  /** Minimum horizontal space between two danmaku of one lane. */
  gap: number
}

interface Occupant {
  startMs: number
  width: number
}

/**
 * Chooses the line ("lane") each danmaku flies in so that none overlaps another: a scrolling danmaku may
 * follow another in a lane once that one's tail has entered the stage, and only if it will not catch up
 * with it before it leaves (a longer, faster one would); top and bottom ones take the first free line
 * from their edge. Times are playback times in milliseconds, so pausing the video pauses the layout too.
 */
export class LaneAllocator {
  private scroll: (Occupant | null)[] = []
  private top: (Occupant | null)[] = []
  private bottom: (Occupant | null)[] = []

  constructor(private options: LaneOptions) {
    this.resize(options.width, options.height)
  }

  get laneCount() {
    return this.scroll.length
  }

  resize(width: number, height: number) {
    this.options = { ...this.options, width, height }
    const count = Math.max(1, Math.floor(height / this.options.lineHeight))
    const fit = (lanes: (Occupant | null)[]) => Array.from({ length: count }, (_, i) => lanes[i] ?? null)
    this.scroll = fit(this.scroll)
    this.top = fit(this.top)
    this.bottom = fit(this.bottom)
  }

  /** Forget every occupant (after a seek). */
  clear() {
    this.scroll.fill(null)
    this.top.fill(null)
    this.bottom.fill(null)
  }

  /** Pixels per millisecond of a scrolling danmaku `width` pixels wide. */
  speed(width: number) {
    return (this.options.width + width) / this.options.scrollMs
  }

  /**
   * The lane (0 = the top line for scroll and top danmaku, the bottom line for bottom danmaku) for a
   * danmaku `width` pixels wide starting at `nowMs`; null when every lane is busy. With `force` (the
   * user's own danmaku must show) the least busy lane is taken instead of none.
   */
  place(mode: DanmakuMode, width: number, nowMs: number, force = false): number | null {
    const lanes = mode === 'scroll' ? this.scroll : mode === 'top' ? this.top : this.bottom
    const fits = (occupant: Occupant | null) =>
      mode === 'scroll' ? this.scrollFits(occupant, width, nowMs) : this.fixedFits(occupant, nowMs)
    let lane = lanes.findIndex(fits)
    if (lane < 0 && force) lane = this.leastBusy(lanes)
    if (lane < 0) return null
    lanes[lane] = { startMs: nowMs, width }
    return lane
  }

  private scrollFits(last: Occupant | null, width: number, nowMs: number) {
    if (!last) return true
    const { width: stage, scrollMs, gap } = this.options
    const elapsed = nowMs - last.startMs
    if (elapsed < 0 || elapsed >= scrollMs) return elapsed >= scrollMs
    // The one ahead must be fully on stage, with room behind it ...
    if (this.speed(last.width) * elapsed < last.width + gap) return false
    // ... and we must not reach its tail before it has left the stage.
    const untilItLeaves = scrollMs - elapsed
    return stage - this.speed(width) * untilItLeaves >= 0
  }

  private fixedFits(last: Occupant | null, nowMs: number) {
    return !last || nowMs - last.startMs >= this.options.fixedMs || nowMs < last.startMs
  }

  private leastBusy(lanes: (Occupant | null)[]) {
    let best = 0
    lanes.forEach((occupant, i) => {
      if ((occupant?.startMs ?? -Infinity) < (lanes[best]?.startMs ?? -Infinity)) best = i
    })
    return best
  }
}
