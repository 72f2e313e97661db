import { describe, expect, it } from 'vitest'
import {
  decodePose,
  encodePose,
  POSE_BYTES,
  POSE_BYTES_HANDS,
  POSE_VERSION,
  type Pose,
} from '#common/protocol/pose-codec.ts'
import { createRng } from '../../helpers/rng.ts'

const pose = (over: Partial<Pose> = {}): Pose => ({
  t: 1234,
  x: 1.5,
  y: 0,
  z: -3.25,
  yaw: 0.8,
  pitch: -0.1,
  seated: false,
  ...over,
})

describe('pose packets', () => {
  it('are 14 bytes, 26 with hands, and start with the version', () => {
    const plain = encodePose(pose())!
    expect(plain.byteLength).toBe(POSE_BYTES)
    expect(plain[0]).toBe(POSE_VERSION)
    const hands = encodePose(pose({ hands: { left: [0.2, 1.1, -3], right: [0.6, 1.2, -3.1] } }))!
    expect(hands.byteLength).toBe(POSE_BYTES_HANDS)
  })

  it('round-trip within a centimetre and a thousandth of a radian (seeded random poses)', () => {
    const rand = createRng(7).next
    const r = (lo: number, hi: number) => lo + (hi - lo) * rand()
    for (let i = 0; i < 500; i++) {
      const p = pose({
        t: Math.floor(r(0, 65536)),
        x: r(-300, 300),
        y: r(-5, 5),
        z: r(-300, 300),
        yaw: r(-Math.PI, Math.PI),
        pitch: r(-Math.PI / 2, Math.PI / 2),
        seated: rand() < 0.5,
        hands: rand() < 0.5 ? { left: [r(-9, 9), r(0, 2), r(-9, 9)], right: [r(-9, 9), r(0, 2), r(-9, 9)] } : undefined,
      })
      const back = decodePose(encodePose(p)!)!
      expect(back.t).toBe(p.t)
      expect(back.seated).toBe(p.seated)
      for (const k of ['x', 'y', 'z'] as const) expect(Math.abs(back[k] - p[k])).toBeLessThanOrEqual(0.005)
      const dyaw = Math.abs(((back.yaw - p.yaw + 3 * Math.PI) % (2 * Math.PI)) - Math.PI)
      expect(dyaw).toBeLessThan(1e-3)
      expect(Math.abs(back.pitch - p.pitch)).toBeLessThan(1e-3)
      if (p.hands) {
        for (const side of ['left', 'right'] as const)
          p.hands[side].forEach((v, j) => expect(Math.abs(back.hands![side][j]! - v)).toBeLessThanOrEqual(0.005))
      } else expect(back.hands).toBeUndefined()
    }
  })

  it('clamp positions to ±327.67 m, wrap the heading and clamp the pitch', () => {
    const back = decodePose(encodePose(pose({ x: 1000, z: -1000, yaw: 3 * Math.PI + 0.5, pitch: 3, t: 70000 }))!)!
    expect(back.x).toBeCloseTo(327.67, 2)
    expect(back.z).toBeCloseTo(-327.67, 2)
    expect(back.yaw).toBeCloseTo(-Math.PI + 0.5, 3)
    expect(back.pitch).toBeCloseTo(Math.PI / 2, 3)
    expect(back.t).toBe(70000 - 65536)
  })

  it('refuse to encode NaN or Infinity', () => {
    expect(encodePose(pose({ x: Number.NaN }))).toBeUndefined()
    expect(encodePose(pose({ yaw: Infinity }))).toBeUndefined()
    expect(encodePose(pose({ hands: { left: [0, Number.NaN, 0], right: [0, 0, 0] } }))).toBeUndefined()
  })

  it('reject garbage: wrong length, unknown version or flags, hands flag without hands, pitch out of range', () => {
    const good = encodePose(pose())!
    expect(decodePose(new Uint8Array(0))).toBeUndefined()
    expect(decodePose(good.slice(0, 13))).toBeUndefined()
    expect(decodePose(new Uint8Array([...good, 0]))).toBeUndefined()
    expect(decodePose(Uint8Array.from(good, (b, i) => (i === 0 ? 2 : b)))).toBeUndefined()
    expect(decodePose(Uint8Array.from(good, (b, i) => (i === 1 ? 0x80 : b)))).toBeUndefined()
    expect(decodePose(Uint8Array.from(good, (b, i) => (i === 1 ? 2 : b)))).toBeUndefined()
    const badPitch = good.slice()
    new DataView(badPitch.buffer).setInt16(12, 32767, true)
    expect(decodePose(badPitch)).toBeUndefined()
    const rand = createRng(3).next
    for (let i = 0; i < 2000; i++) {
      const junk = Uint8Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * 256))
      const p = decodePose(junk)
      if (p) for (const v of [p.x, p.y, p.z, p.yaw, p.pitch]) expect(Number.isFinite(v)).toBe(true)
    }
  })

  it('decode from a view into a larger buffer (as data packets arrive)', () => {
    const good = encodePose(pose())!
    const big = new Uint8Array(40)
    big.set(good, 10)
    expect(decodePose(big.subarray(10, 24))).toMatchObject({ x: 1.5, z: -3.25 })
  })
})
