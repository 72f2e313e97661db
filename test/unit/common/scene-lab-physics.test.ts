/**
 * The built-in labs teach the right physics: their formulas, evaluated by the same runtime the
 * clients run, give the textbook numbers.
 */
import { describe, expect, it } from 'vitest'
import { createLabRuntime } from '#common/scene/lab-runtime.ts'
import { EMPTY_LAB_SNAPSHOT, LAB_CLOCK_KEY, type LabSnapshot } from '#common/collab/lab-doc.ts'
import { builtInLab } from '../../helpers/scenes.ts'

const NOW = 1_800_000_000_000
const snap = (vars: LabSnapshot['vars'], t = 0, clocks: LabSnapshot['clocks'] = {}): LabSnapshot => ({
  ...EMPTY_LAB_SNAPSHOT,
  vars,
  clocks: { [LAB_CLOCK_KEY]: { running: false, startedAt: 0, base: t }, ...clocks },
})

describe('simple pendulum', () => {
  const rt = createLabRuntime(builtInLab('pendulum'))

  it('has the small-swing period 2π√(L/g) and a quarter of the length halves it', () => {
    rt.update(snap({ length: 1 }), NOW)
    expect(rt.read('T0')).toBeCloseTo(2.006, 3)
    const long = rt.read('T0')
    rt.update(snap({ length: 0.25 }), NOW)
    expect(rt.read('T0')).toBeCloseTo(long / 2, 6)
  })

  it('swings back to its release angle after one period, whatever the mass', () => {
    for (const mass of [0.05, 1]) {
      rt.update(snap({ length: 1, angle: 8, mass }), NOW)
      const T = rt.read('T')
      rt.update(snap({ length: 1, angle: 8, mass }, T), NOW)
      expect(rt.read('theta')).toBeCloseTo(8, 9)
      rt.update(snap({ length: 1, angle: 8, mass }, T / 2), NOW)
      expect(rt.read('theta')).toBeCloseTo(-8, 9)
    }
  })

  it('swings measurably slower than the small-swing formula at large angles', () => {
    rt.update(snap({ length: 1, angle: 60 }), NOW)
    expect(rt.read('T') / rt.read('T0')).toBeCloseTo(1.073, 2)
  })

  it('counts a good timing only when ten stopwatch swings match the period', () => {
    const sw = (seconds: number) => ({ sw: { running: false, startedAt: 0, base: seconds } })
    rt.update(snap({ length: 1 }, 0, sw(20.1)), NOW)
    expect(rt.read('goodTiming')).toBe(1)
    rt.update(snap({ length: 1 }, 0, sw(30)), NOW)
    expect(rt.read('goodTiming')).toBe(0)
  })
})

describe('optics bench', () => {
  const rt = createLabRuntime(builtInLab('optics-bench'))

  it('forms the sharp image where 1/f = 1/u + 1/v', () => {
    rt.update(snap({ f: 15, u: 30, screenAt: 60 }), NOW)
    expect(rt.read('vImage')).toBeCloseTo(30, 9)
    expect(rt.read('sharpness')).toBeCloseTo(100, 6)
    expect(rt.read('lensSum')).toBeCloseTo(rt.read('power'), 12)
    expect(rt.read('m')).toBeCloseTo(1, 9)
  })

  it('blurs the image when the screen is away from it, and magnifies closer to f', () => {
    rt.update(snap({ f: 15, u: 30, screenAt: 75 }), NOW)
    expect(rt.read('sharpness')).toBeLessThan(1)
    rt.update(snap({ f: 15, u: 20, screenAt: 80 }), NOW)
    expect(rt.read('vImage')).toBeCloseTo(60, 9)
    expect(rt.read('m')).toBeCloseTo(3, 9)
  })

  it('has no image on the screen inside the focal length', () => {
    rt.update(snap({ f: 15, u: 10, screenAt: 60 }), NOW)
    expect(rt.read('onScreen')).toBe(0)
  })
})

describe('DC circuit', () => {
  const rt = createLabRuntime(builtInLab('dc-circuit'))

  it("follows Ohm's law in series", () => {
    rt.update(snap({ closed: true, emf: 6, R1: 10 }), NOW)
    expect(rt.read('current')).toBeCloseTo(6 / 22, 12)
    expect(rt.read('U1')).toBeCloseTo((6 / 22) * 10, 12)
    rt.update(snap({ closed: true, emf: 12, R1: 10 }), NOW)
    expect(rt.read('current')).toBeCloseTo(12 / 22, 12)
    rt.update(snap({ closed: true, emf: 12, R1: 10, R2: 30, useR2: true }), NOW)
    expect(rt.read('current')).toBeCloseTo(12 / 52, 12)
  })

  it('carries no current with the switch open, and halves the voltage when R1 equals the bulb', () => {
    rt.update(snap({ closed: false, emf: 12 }), NOW)
    expect(rt.read('current')).toBe(0)
    rt.update(snap({ closed: true, emf: 12, R1: 12 }), NOW)
    expect(rt.read('U1')).toBeCloseTo(6, 12)
  })
})
