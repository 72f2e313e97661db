import { describe, expect, it } from 'vitest'
import { backoffMs } from '../../../../server/records/lrs-delivery.ts'

describe('LRS retry backoff', () => {
  it('doubles from one second, with jitter, up to ten minutes', () => {
    expect(backoffMs(0, () => 0.5)).toBe(1000)
    expect(backoffMs(3, () => 0.5)).toBe(8000)
    expect(backoffMs(0, () => 0)).toBe(500)
    expect(backoffMs(0, () => 0.999)).toBe(1499)
    expect(backoffMs(30, () => 0.5)).toBe(600_000)
  })
})
