/**
 * The lab expression language in one call: parse → check names and types → compile.
 * Spec: scenes/FORMAT.md, "Expressions". No `eval`, no `Function`, no property access: an
 * expression reads only the slots of its scope.
 */
import type { ValueType } from './ast.ts'
import { checkExpression, type ExpressionScope } from './check.ts'
import { compileExpression, type CompiledExpression } from './compile.ts'
import type { ExpressionError } from './lexer.ts'
import { parseExpression } from './parser.ts'

export type { ValueType } from './ast.ts'
export type { CompiledExpression } from './compile.ts'
export type { ExpressionError } from './lexer.ts'
export type { ExpressionScope } from './check.ts'

/** A scope with slot numbers: the i-th name is read from `slots[i]`. */
export interface SlotScope {
  types: ExpressionScope
  slotOf: ReadonlyMap<string, number>
}

/** Builds a slot scope from names in slot order. */
export function slotScope(names: ReadonlyArray<readonly [string, ValueType]>): SlotScope {
  return {
    types: new Map(names),
    slotOf: new Map(names.map(([n], i) => [n, i])),
  }
}

export type CompileResult =
  { ok: true; type: ValueType; run: CompiledExpression } | { ok: false; error: ExpressionError }

/**
 * Compiles source text for a scope; `expected` adds a type check (conditions must be booleans,
 * transforms numbers). Never throws.
 */
export function compileSource(src: string, scope: SlotScope, expected?: ValueType): CompileResult {
  const parsed = parseExpression(src)
  if (!parsed.ok) return parsed
  const checked = checkExpression(parsed.ast, scope.types)
  if (!checked.ok) return checked
  if (expected && checked.type !== expected) {
    const hint = expected === 'boolean' ? ' (compare with <, >, == or use near(a, b, tolerance))' : ''
    return { ok: false, error: { message: `must be a ${expected}, not a ${checked.type}${hint}`, column: 1 } }
  }
  return { ok: true, type: checked.type, run: compileExpression(parsed.ast, scope.slotOf) }
}

/** A constant folded at compile time, or a compiled expression. */
export function constant(value: number): CompiledExpression {
  return () => value
}
