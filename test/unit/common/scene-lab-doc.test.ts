import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyClockOp, clockSeconds, LabDoc, LAB_CLOCK_KEY, readLabSnapshot, resetLab } from '#common/collab/lab-doc.ts'
import { createLabRuntime } from '#common/scene/lab-runtime.ts'
import { builtInLab } from '../../helpers/scenes.ts'

describe('the lab document', () => {
  it('runs, pauses and restarts a clock on server time', () => {
    let c = applyClockOp(undefined, 'start', 1000)
    expect(clockSeconds(c, 3500)).toBe(2.5)
    c = applyClockOp(c, 'stop', 4000)
    expect(clockSeconds(c, 9999)).toBe(3)
    c = applyClockOp(c, 'toggle', 10_000)
    expect(clockSeconds(c, 11_000)).toBe(4)
    expect(clockSeconds(applyClockOp(c, 'restart', 20_000), 20_500)).toBe(0.5)
    expect(applyClockOp(c, 'reset', 20_000)).toEqual({ running: false, startedAt: 0, base: 0 })
  })

  it('drops malformed values another participant wrote, and the runtime falls back to the package', () => {
    const doc = new Y.Doc()
    const vars = doc.getMap(LabDoc.vars)
    vars.set('length', 'long')
    vars.set('mass', 99)
    vars.set('angle', Infinity)
    doc.getMap(LabDoc.clocks).set(LAB_CLOCK_KEY, { running: 'yes' })
    const snap = readLabSnapshot(doc)
    expect(snap.vars).toEqual({ mass: 99 })
    expect(snap.clocks).toEqual({})
    const rt = createLabRuntime(builtInLab('pendulum'))
    rt.update(snap, 0)
    expect([rt.read('length'), rt.read('mass'), rt.read('angle'), rt.read('t')]).toEqual([1, 1, 10, 0])
  })

  it('reset clears every change in one transaction and says who reset', () => {
    const doc = new Y.Doc()
    doc.getMap(LabDoc.vars).set('length', 0.5)
    doc.getMap(LabDoc.steps).set('setUp', { at: 1, by: 'p_x', name: 'X' })
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    resetLab(doc, 'p_teacher', 42)
    expect(transactions).toBe(1)
    expect(readLabSnapshot(doc)).toEqual({ vars: {}, clocks: {}, positions: {}, spawned: {}, steps: {} })
    expect(doc.getMap(LabDoc.meta).toJSON()).toEqual({ resetAt: 42, resetBy: 'p_teacher' })
  })
})
