import { describe, expect, it } from 'vitest'
import { compareIds } from './ids'

describe('compareIds', () => {
  it('orders ids beyond what a JavaScript number holds exactly', () => {
    expect(compareIds('288230376151711745', '288230376151711744')).toBeGreaterThan(0)
    expect(compareIds('99', '100')).toBeLessThan(0)
    expect(compareIds('42', '42')).toBe(0)
  })
})
