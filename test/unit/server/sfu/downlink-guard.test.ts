import { describe, expect, it } from 'vitest'
import { DownlinkGuard, FIRST_HOLD_MS } from '../../../../server/media/sfu/downlink-guard.ts'

/** One window per second from `from`, each with `sent` packets of which `nacked` were asked for again. */
function windows(guard: DownlinkGuard, from: number, count: number, sent: number, nacked: number): number {
  let now = from
  for (let i = 0; i < count; i++) guard.observe(sent, nacked, (now += 1000))
  return now
}

describe("a subscriber's downlink guard", () => {
  it('holds the video back after three lossy windows in a row, not after two or scattered ones', () => {
    const guard = new DownlinkGuard(0)
    let now = windows(guard, 0, 2, 100, 15)
    now = windows(guard, now, 1, 100, 1)
    now = windows(guard, now, 2, 100, 15)
    expect(guard.holding).toBe(false)
    windows(guard, now, 1, 100, 15)
    expect(guard.holding).toBe(true)
    expect(guard.loss).toBeCloseTo(0.15)
  })

  it('judges a slow stream over longer windows, and a nearly still picture not at all', () => {
    const slow = new DownlinkGuard(0)
    // 20 packets a second: a window every 2 s, the third lossy one at 6 s.
    windows(slow, 0, 5, 20, 5)
    expect(slow.holding).toBe(false)
    windows(slow, 5000, 1, 20, 5)
    expect(slow.holding).toBe(true)
    const still = new DownlinkGuard(0)
    windows(still, 0, 60, 5, 3)
    expect(still.holding).toBe(false)
  })

  it('tries again after the hold, and stays clear when the link has recovered', () => {
    const guard = new DownlinkGuard(0)
    let now = windows(guard, 0, 3, 100, 20)
    expect(guard.holding).toBe(true)
    // Held: nothing is sent, so nothing is judged, until the hold is over.
    now = windows(guard, now, FIRST_HOLD_MS / 1000 - 1, 0, 0)
    expect(guard.holding).toBe(true)
    now = windows(guard, now, 1, 0, 0)
    expect(guard.state.kind).toBe('probing')
    windows(guard, now, 6, 100, 0)
    expect(guard.state.kind).toBe('clear')
  })

  it('holds again for twice as long when the probe loses as much, up to a minute', () => {
    const guard = new DownlinkGuard(0)
    let now = windows(guard, 0, 3, 100, 20)
    const holds: number[] = []
    for (let round = 0; round < 5; round++) {
      const heldAt = now
      while (guard.holding) now = windows(guard, now, 1, 0, 0)
      holds.push(now - heldAt)
      now = windows(guard, now, 2, 100, 20)
      expect(guard.holding).toBe(true)
    }
    expect(holds).toEqual([10_000, 20_000, 40_000, 60_000, 60_000])
  })
})
