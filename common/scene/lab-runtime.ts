/**
 * Evaluates a lab: from a snapshot of its document and the server time, fills one slot array
 * with `t`, the variables, the timers and the derived values. Every client runs this same code on
 * the same shared state and clock, so every client computes the same values and motion; nothing
 * is sent per frame. update() allocates nothing, so renderers call it every frame.
 */
import type { Lab, LabVariable } from './lab-schema.ts'
import { buildLabScope, CLOCK_NAME, timerRunningName } from './lab-scope.ts'
import { compileSource, constant, type CompiledExpression, type SlotScope, type ValueType } from './expr/expression.ts'
import { clockSeconds, LAB_CLOCK_KEY, type LabSnapshot } from '../collab/lab-doc.ts'

/** A variable's value from the document, clamped to its range; malformed values fall back to `initial`. */
export function variableValue(v: LabVariable, raw: unknown): number {
  if (v.type === 'boolean') return (typeof raw === 'boolean' ? raw : v.initial) ? 1 : 0
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return v.initial
  return Math.min(v.max, Math.max(v.min, raw))
}

export interface LabRuntime {
  readonly lab: Lab
  readonly scope: SlotScope
  /** Current values by slot (booleans are 1 and 0); filled by update(). */
  readonly slots: Float64Array
  update(snapshot: LabSnapshot, serverNowMs: number): void
  /** The current value of a name in the scope (NaN when there is none). */
  read(name: string): number
  /** Compiles a value field of a validated lab; a JSON number or boolean becomes a constant. */
  compile(value: number | boolean | string, expected: ValueType): CompiledExpression
}

/** Builds the runtime of a validated lab (load.ts has checked every expression). */
export function createLabRuntime(lab: Lab): LabRuntime {
  const { scope, derived } = buildLabScope(lab)
  const slots = new Float64Array(scope.slotOf.size)
  const clockSlot = scope.slotOf.get(CLOCK_NAME)!
  const varSlots = lab.variables.map((v) => [v, scope.slotOf.get(v.id)!] as const)
  const timers = lab.objects.flatMap((o) =>
    o.kind === 'timer'
      ? [
          {
            id: o.id,
            duration: o.mode === 'countdown' ? (o.duration ?? 0) : undefined,
            slot: scope.slotOf.get(o.id)!,
            runSlot: scope.slotOf.get(timerRunningName(o.id))!,
          },
        ]
      : [],
  )
  return {
    lab,
    scope,
    slots,
    update(snapshot, now) {
      slots[clockSlot] = clockSeconds(snapshot.clocks[LAB_CLOCK_KEY], now)
      for (const [v, slot] of varSlots) slots[slot] = variableValue(v, snapshot.vars[v.id])
      for (const t of timers) {
        const c = snapshot.clocks[t.id]
        const elapsed = clockSeconds(c, now)
        slots[t.slot] = t.duration === undefined ? elapsed : Math.max(0, t.duration - elapsed)
        slots[t.runSlot] = c?.running && (t.duration === undefined || elapsed < t.duration) ? 1 : 0
      }
      for (const d of derived) slots[d.slot] = d.run(slots)
    },
    read(name) {
      const slot = scope.slotOf.get(name)
      return slot === undefined ? NaN : slots[slot]!
    },
    compile(value, expected) {
      if (typeof value === 'number') return constant(value)
      if (typeof value === 'boolean') return constant(value ? 1 : 0)
      const r = compileSource(value, scope, expected)
      if (!r.ok)
        throw new Error(`lab: expression "${value}" does not compile (${r.error.message}); validate the scene first`)
      return r.run
    },
  }
}
