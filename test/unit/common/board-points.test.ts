import { describe, expect, it } from 'vitest'
import { decodePoints, encodePoints, POINT_QUANTUM, type InkPoint } from '#common/collab/board-points.ts'
import { seeded } from '../../helpers/random.ts'

/** A hand-like stroke: small steps in a drifting direction, sampled at 60 Hz. */
function handStroke(rnd: () => number, n: number, pressure: boolean): InkPoint[] {
  let x = 200 + rnd() * 1200
  let y = 100 + rnd() * 700
  let a = rnd() * Math.PI * 2
  const out: InkPoint[] = []
  for (let i = 0; i < n; i++) {
    a += (rnd() - 0.5) * 0.6
    x += Math.cos(a) * (2 + rnd() * 8)
    y += Math.sin(a) * (2 + rnd() * 8)
    out.push(pressure ? { x, y, p: rnd() } : { x, y })
  }
  return out
}

describe('ink point codec', () => {
  it('round-trips points to half a page unit and pressure to 1/255', () => {
    const pts = handStroke(seeded(1), 200, true)
    const { bytes } = encodePoints(pts, true)
    const back = decodePoints([bytes], true)
    expect(back).toHaveLength(pts.length)
    back.forEach((p, i) => {
      expect(Math.abs(p.x - pts[i]!.x)).toBeLessThanOrEqual(0.5 / POINT_QUANTUM)
      expect(Math.abs(p.y - pts[i]!.y)).toBeLessThanOrEqual(0.5 / POINT_QUANTUM)
      expect(Math.abs(p.p! - pts[i]!.p!)).toBeLessThanOrEqual(0.5 / 255 + 1e-9)
    })
  })

  it('continues a stroke across chunks exactly as one encoding would', () => {
    const pts = handStroke(seeded(2), 90, false)
    const whole = decodePoints([encodePoints(pts, false).bytes], false)
    const a = encodePoints(pts.slice(0, 31), false)
    const b = encodePoints(pts.slice(31, 70), false, a.cursor)
    const c = encodePoints(pts.slice(70), false, b.cursor)
    expect(decodePoints([a.bytes, b.bytes, c.bytes], false)).toEqual(whole)
  })

  it('costs at most 6 bytes a point with pressure on hand-drawn strokes', () => {
    const rnd = seeded(3)
    let bytes = 0
    let points = 0
    for (let s = 0; s < 200; s++) {
      const pts = handStroke(rnd, 50, true)
      bytes += encodePoints(pts, true).bytes.byteLength
      points += pts.length
    }
    expect(bytes / points).toBeLessThanOrEqual(6)
  })

  it('rejects truncated bytes instead of inventing points', () => {
    const { bytes } = encodePoints(handStroke(seeded(4), 10, true), true)
    expect(() => decodePoints([bytes.slice(0, bytes.length - 1)], true)).toThrow()
  })
})
