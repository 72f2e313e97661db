import { describe, expect, it } from 'vitest'
import { BandwidthEstimator, MIN_BPS, rembMantissaExponent } from '../../../../server/media/sfu/bandwidth.ts'

/** Feeds `seconds` of a 150 packets/s, 1000-byte stream, dropping every packet `drop` picks. */
function feed(e: BandwidthEstimator, t0: number, seconds: number, drop: (i: number) => boolean, seq0 = 0) {
  let last: number | undefined
  let seq = seq0
  for (let w = 0; w < seconds * 2; w++) {
    for (let i = 0; i < 75; i++, seq++) if (!drop(seq)) e.onPacket(1111, seq & 0xffff, 1000)
    last = e.update(t0 + (w + 1) * 500) ?? last
  }
  return { estimate: last!, seq }
}

describe('bandwidth estimate sent as REMB', () => {
  it('grows on a clean link and never holds a publisher under 2 Mbps there', () => {
    const e = new BandwidthEstimator(0)
    const { estimate } = feed(e, 0, 10, () => false)
    expect(estimate).toBeGreaterThanOrEqual(2_000_000)
    expect(e.lastLoss).toBe(0)
  })

  it('falls at 20% loss, from what gets through', () => {
    const e = new BandwidthEstimator(0)
    const clean = feed(e, 0, 5, () => false)
    const lossy = feed(e, 5000, 3, (i) => i % 5 === 0, clean.seq)
    expect(e.lastLoss).toBeCloseTo(0.2, 1)
    expect(lossy.estimate).toBeLessThan(1_200_000 * 0.9)
    const more = feed(e, 8000, 10, (i) => i % 5 === 0, lossy.seq)
    expect(more.estimate).toBe(MIN_BPS)
  })

  it('holds between 2% and 10% loss', () => {
    const e = new BandwidthEstimator(0)
    const clean = feed(e, 0, 2, () => false)
    const held = feed(e, 2000, 4, (i) => i % 20 === 0, clean.seq)
    expect(held.estimate).toBe(clean.estimate)
  })

  it('does not count retransmissions as arrivals, and follows sequence numbers across the wrap', () => {
    const e = new BandwidthEstimator(0)
    for (let s = 65500; s < 65536; s++) e.onPacket(7, s, 100)
    // 10 lost over the wrap, then retransmitted (older than the highest: ignored).
    for (let s = 10; s < 40; s++) e.onPacket(7, s, 100)
    for (let s = 0; s < 10; s++) e.onPacket(7, s, 100)
    e.update(500)
    expect(e.lastLoss).toBeCloseTo(10 / 75, 3)
  })

  it('encodes the bitrate as an 18-bit mantissa and an exponent', () => {
    expect(rembMantissaExponent(100_000)).toEqual({ mantissa: 100_000, exponent: 0 })
    const { mantissa, exponent } = rembMantissaExponent(2_500_000)
    expect(mantissa).toBeLessThan(1 << 18)
    expect(mantissa * 2 ** exponent).toBeLessThanOrEqual(2_500_000)
    expect(mantissa * 2 ** exponent).toBeGreaterThan(2_500_000 * 0.99)
  })
})
