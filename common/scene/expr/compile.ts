/**
 * Turns a checked syntax tree into a closure over a slot array: `(slots) => number`.
 * Names are resolved to slot indexes once, here, so evaluation reads nothing but the numbers it
 * is given and allocates nothing (it runs every frame). Booleans are 1 and 0. Evaluation never
 * throws: division by zero or sqrt(−1) give ±Infinity or NaN, which readers treat as "no value".
 */
import type { ExprNode } from './ast.ts'
import { lookupConstant, lookupFunction } from './functions.ts'

/** A compiled expression. `slots[i]` holds the value of the i-th name of its scope. */
export type CompiledExpression = (slots: ArrayLike<number>) => number

const truthy = (x: number): boolean => x !== 0 && x === x

export function compileExpression(ast: ExprNode, slotOf: ReadonlyMap<string, number>): CompiledExpression {
  switch (ast.type) {
    case 'num': {
      const v = ast.value
      return () => v
    }
    case 'name': {
      const slot = slotOf.get(ast.name)
      if (slot !== undefined) return (s) => s[slot]!
      const c = lookupConstant(ast.name)
      if (c !== undefined) return () => c
      throw new Error(`expr: "${ast.name}" has no slot; check the expression before compiling it`)
    }
    case 'unary': {
      const a = compileExpression(ast.arg, slotOf)
      if (ast.op === '-') return (s) => -a(s)
      if (ast.op === '!') return (s) => (truthy(a(s)) ? 0 : 1)
      return a
    }
    case 'binary':
      return binary(ast.op, compileExpression(ast.left, slotOf), compileExpression(ast.right, slotOf))
    case 'call': {
      const fn = lookupFunction(ast.fn)
      if (!fn) throw new Error(`expr: unknown function "${ast.fn}"; check the expression before compiling it`)
      const f = fn.impl
      const args = ast.args.map((a) => compileExpression(a, slotOf))
      const [a, b, c] = args
      switch (args.length) {
        case 1:
          return (s) => f(a!(s))
        case 2:
          return (s) => f(a!(s), b!(s))
        case 3:
          return (s) => f(a!(s), b!(s), c!(s))
        default:
          // Only min and max take more than three; fold them pairwise to avoid an array per call.
          return args.slice(1).reduce<CompiledExpression>((acc, next) => (s) => f(acc(s), next(s)), a!)
      }
    }
    case 'cond': {
      const test = compileExpression(ast.test, slotOf)
      const then = compileExpression(ast.then, slotOf)
      const other = compileExpression(ast.else, slotOf)
      return (s) => (truthy(test(s)) ? then(s) : other(s))
    }
  }
}

function binary(op: string, l: CompiledExpression, r: CompiledExpression): CompiledExpression {
  switch (op) {
    case '+':
      return (s) => l(s) + r(s)
    case '-':
      return (s) => l(s) - r(s)
    case '*':
      return (s) => l(s) * r(s)
    case '/':
      return (s) => l(s) / r(s)
    case '%':
      return (s) => l(s) % r(s)
    case '^':
      return (s) => Math.pow(l(s), r(s))
    case '<':
      return (s) => (l(s) < r(s) ? 1 : 0)
    case '<=':
      return (s) => (l(s) <= r(s) ? 1 : 0)
    case '>':
      return (s) => (l(s) > r(s) ? 1 : 0)
    case '>=':
      return (s) => (l(s) >= r(s) ? 1 : 0)
    case '==':
      return (s) => (l(s) === r(s) ? 1 : 0)
    case '!=':
      return (s) => (l(s) !== r(s) ? 1 : 0)
    case '&&':
      return (s) => (truthy(l(s)) && truthy(r(s)) ? 1 : 0)
    case '||':
      return (s) => (truthy(l(s)) || truthy(r(s)) ? 1 : 0)
    default:
      throw new Error(`expr: unknown operator "${op}"`)
  }
}
