/**
 * Type checking and name resolution. An expression may name only the variables in its scope
 * (the lab's variables, derived values, timers and `t`), the constants `pi` and `e`, and the
 * functions in functions.ts. Anything else is an error before the lab ever runs.
 */
import type { ExprNode, ValueType } from './ast.ts'
import type { ExpressionError } from './lexer.ts'
import { BOOLEAN_FUNCTIONS, lookupConstant, lookupFunction } from './functions.ts'

/** Names an expression may read, with their types. */
export type ExpressionScope = ReadonlyMap<string, ValueType>

class CheckFailure extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message)
  }
}

function suggest(name: string, scope: ExpressionScope): string {
  const known = [...scope.keys()]
  const close = known.find((k) => k.toLowerCase() === name.toLowerCase() || editDistance(k, name) <= 2)
  if (close) return `; did you mean "${close}"?`
  return known.length > 0 ? `; known names: ${known.slice(0, 12).join(', ')}` : ''
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = tmp
    }
  }
  return row[b.length]!
}

function typeOf(n: ExprNode, scope: ExpressionScope): ValueType {
  const need = (child: ExprNode, want: ValueType, what: string): void => {
    const got = typeOf(child, scope)
    if (got !== want) throw new CheckFailure(`${what} needs a ${want}, not a ${got}`, child.pos)
  }
  switch (n.type) {
    case 'num':
      return 'number'
    case 'name': {
      const t = scope.get(n.name)
      if (t) return t
      if (lookupConstant(n.name) !== undefined) return 'number'
      if (lookupFunction(n.name)) throw new CheckFailure(`"${n.name}" is a function; call it like ${n.name}(x)`, n.pos)
      throw new CheckFailure(`unknown variable "${n.name}"${suggest(n.name, scope)}`, n.pos)
    }
    case 'unary':
      need(n.arg, n.op === '!' ? 'boolean' : 'number', `"${n.op}"`)
      return n.op === '!' ? 'boolean' : 'number'
    case 'binary':
      switch (n.op) {
        case '&&':
        case '||':
          need(n.left, 'boolean', `"${n.op}"`)
          need(n.right, 'boolean', `"${n.op}"`)
          return 'boolean'
        case '==':
        case '!=': {
          const l = typeOf(n.left, scope)
          need(n.right, l, `"${n.op}" with a ${l} on the left`)
          return 'boolean'
        }
        case '<':
        case '<=':
        case '>':
        case '>=':
          need(n.left, 'number', `"${n.op}"`)
          need(n.right, 'number', `"${n.op}"`)
          return 'boolean'
        default:
          need(n.left, 'number', `"${n.op}"`)
          need(n.right, 'number', `"${n.op}"`)
          return 'number'
      }
    case 'call': {
      const fn = lookupFunction(n.fn)
      if (!fn) {
        const what = scope.has(n.fn) ? `"${n.fn}" is a variable, not a function` : `unknown function "${n.fn}"`
        throw new CheckFailure(what, n.pos)
      }
      const [lo, hi] = fn.arity
      if (n.args.length < lo || n.args.length > hi) {
        const want = lo === hi ? `${lo}` : `${lo} to ${hi}`
        throw new CheckFailure(`${n.fn}() takes ${want} arguments, not ${n.args.length}`, n.pos)
      }
      for (const a of n.args) need(a, 'number', `${n.fn}()`)
      return BOOLEAN_FUNCTIONS.has(n.fn) ? 'boolean' : 'number'
    }
    case 'cond': {
      need(n.test, 'boolean', 'the condition before "?"')
      const t = typeOf(n.then, scope)
      need(n.else, t, 'the branch after ":"')
      return t
    }
  }
}

/** The type of an expression, or the first mistake in it (with a 1-based column). */
export function checkExpression(
  ast: ExprNode,
  scope: ExpressionScope,
): { ok: true; type: ValueType } | { ok: false; error: ExpressionError } {
  try {
    return { ok: true, type: typeOf(ast, scope) }
  } catch (err) {
    if (err instanceof CheckFailure) return { ok: false, error: { message: err.message, column: err.pos + 1 } }
    throw err
  }
}

/** Every name an expression reads (for dependency order of derived values). */
export function namesIn(ast: ExprNode, out = new Set<string>()): Set<string> {
  switch (ast.type) {
    case 'num':
      break
    case 'name':
      out.add(ast.name)
      break
    case 'unary':
      namesIn(ast.arg, out)
      break
    case 'binary':
      namesIn(ast.left, out)
      namesIn(ast.right, out)
      break
    case 'call':
      for (const a of ast.args) namesIn(a, out)
      break
    case 'cond':
      namesIn(ast.test, out)
      namesIn(ast.then, out)
      namesIn(ast.else, out)
  }
  return out
}
