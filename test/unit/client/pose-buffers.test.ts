import { afterEach, describe, expect, it } from 'vitest'
import {
  drawnPose,
  forgetPoses,
  HANDS_INTERP_DELAY_MS,
  INTERP_DELAY_MS,
  POSE_STALE_MS,
  pushPose,
  sampleAt,
} from '../../../client/state/pose-buffers.ts'
import type { Pose } from '#common/protocol/pose-codec.ts'

const p = (t: number, x: number, yaw = 0): Pose => ({ t, x, y: 0, z: 0, yaw, pitch: 0, seated: false })
const out = drawnPose()

afterEach(() => forgetPoses())

describe('received poses', () => {
  it('are drawn 100 ms behind, interpolated between the samples around that moment', () => {
    // Sent every 66 ms while walking 1 m/s along x; arrive 30 ms later.
    for (let i = 0; i <= 10; i++) pushPose('a', p(i * 66, i * 0.066), 1000 + i * 66 + 30)
    const now = 1000 + 660 + 30
    expect(sampleAt('a', now, out)).toBe(true)
    expect(out.x).toBeCloseTo(0.66 - INTERP_DELAY_MS / 1000, 3)
  })

  it('keep a steady pace when packets arrive bunched up (jitter)', () => {
    // Sent every 66 ms; the fastest packet took 20 ms, the others arrive in bunches.
    const arrivals = [40, 200, 201, 218, 400, 401, 420]
    arrivals.forEach((a, i) => pushPose('a', p(i * 66, i * 0.066), 5000 + a))
    // Drawn positions follow the sender's timing, not the bunched arrivals: steady 1 m/s.
    const xs = [300, 350, 400].map((t) => (sampleAt('a', 5000 + t, out), out.x))
    expect(xs[0]).toBeCloseTo(0.18, 2)
    expect(xs[1]! - xs[0]!).toBeCloseTo(0.05, 3)
    expect(xs[2]! - xs[1]!).toBeCloseTo(0.05, 3)
  })

  it('take the short way round when the heading crosses ±π', () => {
    pushPose('a', p(0, 0, Math.PI - 0.1), 0)
    pushPose('a', p(100, 0, -Math.PI + 0.1), 100)
    sampleAt('a', 150 + INTERP_DELAY_MS - 100, out)
    expect(Math.abs(Math.abs(out.yaw) - Math.PI)).toBeLessThan(0.06)
  })

  it('survive the sender clock wrapping at 65536 ms and drop reordered packets', () => {
    pushPose('a', p(65500, 0), 0)
    pushPose('a', p(30, 1), 66)
    pushPose('a', p(65510, 5), 70) // late duplicate from before the wrap
    sampleAt('a', 66 + INTERP_DELAY_MS, out)
    expect(out.x).toBeCloseTo(1, 5)
  })

  it('go stale after a few seconds without packets, so presence places the person again', () => {
    pushPose('a', p(0, 2), 0)
    expect(sampleAt('a', POSE_STALE_MS - 1, out)).toBe(true)
    expect(sampleAt('a', POSE_STALE_MS + 1, out)).toBe(false)
    expect(sampleAt('nobody', 0, out)).toBe(false)
  })

  it("carry a headset wearer's hands, gliding between samples, and drop them when they stop", () => {
    const withHands = (t: number, rightX: number): Pose => ({
      ...p(t, 0),
      hands: { left: [-0.25, 1.5, -0.4], right: [rightX, 1.5, -0.4] },
    })
    // Sent at 7.5 Hz, so drawn further behind.
    pushPose('a', withHands(0, 0.2), 0)
    pushPose('a', withHands(133, 0.6), 133)
    sampleAt('a', 66.5 + HANDS_INTERP_DELAY_MS, out)
    expect(out.hands).toBe(true)
    expect(out.right[0]).toBeCloseTo(0.4, 5)
    expect(out.left).toEqual([-0.25, 1.5, -0.4])
    pushPose('a', p(200, 0), 200)
    sampleAt('a', 190 + INTERP_DELAY_MS, out)
    expect(out.hands).toBe(false)
  })
})
