import { describe, expect, it } from 'vitest'
import { formatCount, formatDuration, formatTime } from './format'

describe('format', () => {
  it('shows big counts in 万 and 亿 for Chinese readers', () => {
    expect(formatCount(9999, 'zh-CN')).toBe('9999')
    expect(formatCount(12_345, 'zh-CN')).toBe('1.2万')
    expect(formatCount(340_000_000, 'zh-CN')).toBe('3.4亿')
    expect(formatCount(12_345, 'en-US')).toBe('12.3K')
  })

  it('shows durations like a player does', () => {
    expect(formatDuration(83_000)).toBe('01:23')
    expect(formatDuration(3_723_000)).toBe('1:02:03')
    expect(formatDuration(0)).toBe('00:00')
  })

  it('shows recent times relative to now and old ones as a date', () => {
    const now = Date.parse('2026-11-26T12:00:00Z')
    expect(formatTime('2026-11-26T09:00:00Z', 'zh-CN', now)).toBe('3小时前')
    expect(formatTime('2026-11-25T12:00:00Z', 'zh-CN', now)).toBe('昨天')
    expect(formatTime('2026-01-02T12:00:00Z', 'zh-CN', now)).toBe('2026/01/02')
  })
})
