import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '@/api'
import { groupByDay } from './grouping'

const at = (watchedAt: Date) => ({ watchedAt: watchedAt.toISOString() }) as HistoryEntry

describe('groupByDay', () => {
  it('puts entries under 今天, 昨天 and 更早 by the local calendar, keeping their order', () => {
    const now = new Date(2026, 10, 26, 9, 0)
    const groups = groupByDay(
      [
        at(new Date(2026, 10, 26, 8, 0)),
        at(new Date(2026, 10, 26, 0, 5)),
        at(new Date(2026, 10, 25, 23, 59)),
        at(new Date(2026, 10, 1)),
      ],
      now,
    )
    expect(groups.map((g) => [g.day, g.entries.length])).toEqual([
      ['today', 2],
      ['yesterday', 1],
      ['earlier', 1],
    ])
  })

  it('leaves out empty groups', () => {
    expect(groupByDay([at(new Date(2020, 0, 1))], new Date(2026, 0, 1)).map((g) => g.day)).toEqual(['earlier'])
  })
})
