/**
 * The names a lab's expressions can read, in slot order: `t` (the shared clock, seconds), the
 * variables, each timer (`<id>` seconds and `<id>_running`), then derived values in the order
 * written (each may read only the ones before it, so there are no cycles).
 */
import type { Lab } from './lab-schema.ts'
import { compileSource, slotScope, type CompiledExpression, type SlotScope, type ValueType } from './expr/expression.ts'
import { CONSTANTS, FUNCTIONS } from './expr/functions.ts'

/** The shared lab clock's name in expressions. */
export const CLOCK_NAME = 't'

/** Names no variable, derived value or object may take. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  CLOCK_NAME,
  ...Object.keys(CONSTANTS),
  ...Object.keys(FUNCTIONS),
])

export const timerRunningName = (timerId: string): string => `${timerId}_running`

export interface LabScope {
  scope: SlotScope
  /** Slot of each derived value, with its compiled formula, in evaluation order. */
  derived: { slot: number; run: CompiledExpression }[]
  /** Derived values whose formula did not compile, by index in `lab.derived`. */
  errors: { index: number; message: string; column: number }[]
}

/** Builds the scope (compiling derived values in order). Never throws. */
export function buildLabScope(lab: Lab): LabScope {
  const names: [string, ValueType][] = [[CLOCK_NAME, 'number']]
  for (const v of lab.variables) names.push([v.id, v.type])
  for (const o of lab.objects) {
    if (o.kind === 'timer') names.push([o.id, 'number'], [timerRunningName(o.id), 'boolean'])
  }
  const derived: LabScope['derived'] = []
  const errors: LabScope['errors'] = []
  lab.derived.forEach((d, index) => {
    const r = compileSource(d.value, slotScope(names))
    if (!r.ok) {
      errors.push({ index, ...r.error })
      // Keep later formulas checkable: an unknown type is taken as a number.
      names.push([d.id, 'number'])
      return
    }
    derived.push({ slot: names.length, run: r.run })
    names.push([d.id, r.type])
  })
  return { scope: slotScope(names), derived, errors }
}
