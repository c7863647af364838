import { describe, expect, it } from 'vitest'
import { partitionOf, points, windowOf } from './ranking'

describe('the ranking page address', () => {
  it('falls back to the day list for a missing or unknown window', () => {
    expect(windowOf('3day')).toBe('3day')
    expect(windowOf('week')).toBe('week')
    expect(windowOf('month')).toBe('day')
    expect(windowOf(undefined)).toBe('day')
  })

  it('reads no partition as the whole site', () => {
    expect(partitionOf('anime')).toBe('anime')
    expect(partitionOf('')).toBeNull()
    expect(partitionOf(['anime'])).toBeNull()
  })

  it('shows scores as whole non-negative points', () => {
    expect(points(1.234)).toBe(123)
    expect(points(-0.5)).toBe(0)
  })
})
