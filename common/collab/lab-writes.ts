/**
 * Lab actions (buttons, control changes) written into the lab document, inside the caller's
 * transaction. Every client applies them the same way; values are clamped and snapped so the
 * document never holds a value the package's ranges forbid.
 */
import type * as Y from 'yjs'
import { applyClockOp, LabDoc, LAB_CLOCK_KEY, readLabSnapshot } from './lab-doc.ts'
import type { Lab, LabVariable } from '../scene/lab-schema.ts'
import type { LabAction } from '../scene/lab-actions.ts'
import type { LabRuntime } from '../scene/lab-runtime.ts'

/** A value for a variable: booleans as given; numbers clamped to the range and snapped to the step. */
export function snapValue(v: LabVariable, value: number | boolean): number | boolean {
  if (v.type === 'boolean') return Boolean(value)
  const n = typeof value === 'number' && Number.isFinite(value) ? value : v.initial
  const step = v.step ?? (v.max - v.min) / 100
  const snapped = v.min + Math.round((n - v.min) / step) * step
  // Rounding to 1e-9 keeps 0.1-steps from becoming 0.30000000000000004 in readouts and conditions.
  return Math.round(Math.min(v.max, Math.max(v.min, snapped)) * 1e9) / 1e9
}

/** Applies actions in order at server time `now`; a `set` expression is evaluated on the state so far. */
export function runLabActions(lab: Lab, doc: Y.Doc, rt: LabRuntime, actions: readonly LabAction[], now: number): void {
  const vars = doc.getMap(LabDoc.vars)
  const clocks = doc.getMap(LabDoc.clocks)
  for (const a of actions) {
    // Each action sees the effect of the ones before it.
    const snap = readLabSnapshot(doc)
    switch (a.do) {
      case 'set': {
        const v = lab.variables.find((x) => x.id === a.variable)
        if (!v) break
        let value: number | boolean
        if (typeof a.value === 'string') {
          rt.update(snap, now)
          const n = rt.compile(a.value, v.type)(rt.slots)
          value = v.type === 'boolean' ? n !== 0 : n
        } else value = a.value
        vars.set(v.id, snapValue(v, value))
        break
      }
      case 'toggle': {
        const v = lab.variables.find((x) => x.id === a.variable)
        if (v?.type === 'boolean') vars.set(v.id, !(snap.vars[v.id] ?? v.initial))
        break
      }
      case 'clock':
        clocks.set(LAB_CLOCK_KEY, applyClockOp(snap.clocks[LAB_CLOCK_KEY], a.op, now))
        break
      case 'timer':
        clocks.set(a.timer, applyClockOp(snap.clocks[a.timer], a.op, now))
        break
    }
  }
}
