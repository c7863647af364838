import { describe, expect, it } from 'vitest'
import { LaneAllocator } from './lanes'

// A 1000 × 100 px stage with 25 px lines holds 4 lanes; a scroll danmaku crosses it in 8 s.
const stage = () =>
  new LaneAllocator({ width: 1000, height: 100, lineHeight: 25, scrollMs: 8000, fixedMs: 4000, gap: 20 })

describe('LaneAllocator', () => {
  it('puts danmaku sent at the same moment on different lines', () => {
    const lanes = stage()
    expect(lanes.laneCount).toBe(4)
    expect([0, 1, 2].map(() => lanes.place('scroll', 100, 0))).toEqual([0, 1, 2])
  })

  it('lets a danmaku follow in a line once the one ahead has fully entered the stage', () => {
    const lanes = stage()
    lanes.place('scroll', 100, 0)
    // 100 px wide at (1000+100)/8000 px/ms needs ~873 ms to enter with a 20 px gap.
    expect(lanes.place('scroll', 100, 500)).toBe(1)
    expect(lanes.place('scroll', 100, 900)).toBe(0)
  })

  it('keeps a long, faster danmaku out of a line where it would catch the short one ahead', () => {
    const lanes = stage()
    lanes.place('scroll', 50, 0)
    // At 2 s the short one is well inside, but a 900 px one moves almost twice as fast and would overtake it.
    expect(lanes.place('scroll', 900, 2000)).toBe(1)
    // A danmaku of the same width never catches up, so it may follow in the first line.
    expect(lanes.place('scroll', 50, 2000)).toBe(0)
  })

  it('drops a danmaku when every line is busy, but always finds a line for the user’s own', () => {
    const lanes = stage()
    for (let i = 0; i < 4; i++) lanes.place('scroll', 300, 0)
    expect(lanes.place('scroll', 300, 100)).toBeNull()
    expect(lanes.place('scroll', 300, 100, true)).not.toBeNull()
  })

  it('stacks top danmaku downward and frees their line when they expire', () => {
    const lanes = stage()
    expect(lanes.place('top', 200, 0)).toBe(0)
    expect(lanes.place('top', 200, 1000)).toBe(1)
    expect(lanes.place('top', 200, 4000)).toBe(0)
    // Top and bottom danmaku never take each other's lines, nor the scrolling ones'.
    expect(lanes.place('bottom', 200, 4000)).toBe(0)
    expect(lanes.place('scroll', 200, 4000)).toBe(0)
  })

  it('starts over after a seek and resizes with the player', () => {
    const lanes = stage()
    for (let i = 0; i < 4; i++) lanes.place('scroll', 300, 0)
    lanes.clear()
    expect(lanes.place('scroll', 300, 10)).toBe(0)
    lanes.resize(1000, 200)
    expect(lanes.laneCount).toBe(8)
  })
})
