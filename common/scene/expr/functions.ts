/**
 * The functions an expression may call. Pure arithmetic on numbers: none can loop, allocate,
 * or reach outside its arguments. Trigonometry is in radians (`rad()` converts degrees).
 */
type Fn = (...args: number[]) => number

export interface FunctionSpec {
  /** Fewest and most arguments. */
  arity: readonly [number, number]
  impl: Fn
  /** One line for authors (FORMAT.md lists these). */
  doc: string
}

const DEG = Math.PI / 180

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  abs: { arity: [1, 1], impl: Math.abs, doc: 'absolute value' },
  sqrt: { arity: [1, 1], impl: Math.sqrt, doc: 'square root (NaN below 0)' },
  exp: { arity: [1, 1], impl: Math.exp, doc: 'e to the power x' },
  ln: { arity: [1, 1], impl: Math.log, doc: 'natural logarithm' },
  log10: { arity: [1, 1], impl: Math.log10, doc: 'base-10 logarithm' },
  pow: { arity: [2, 2], impl: Math.pow, doc: 'x to the power y (same as x ^ y)' },
  sin: { arity: [1, 1], impl: Math.sin, doc: 'sine of radians' },
  cos: { arity: [1, 1], impl: Math.cos, doc: 'cosine of radians' },
  tan: { arity: [1, 1], impl: Math.tan, doc: 'tangent of radians' },
  asin: { arity: [1, 1], impl: Math.asin, doc: 'arcsine, radians' },
  acos: { arity: [1, 1], impl: Math.acos, doc: 'arccosine, radians' },
  atan: { arity: [1, 1], impl: Math.atan, doc: 'arctangent, radians' },
  atan2: { arity: [2, 2], impl: Math.atan2, doc: 'angle of (x, y) = atan2(y, x), radians' },
  rad: { arity: [1, 1], impl: (d) => d * DEG, doc: 'degrees to radians' },
  deg: { arity: [1, 1], impl: (r) => r / DEG, doc: 'radians to degrees' },
  min: { arity: [2, 8], impl: Math.min, doc: 'smallest argument' },
  max: { arity: [2, 8], impl: Math.max, doc: 'largest argument' },
  clamp: { arity: [3, 3], impl: (x, lo, hi) => Math.min(Math.max(x, lo), hi), doc: 'x limited to [lo, hi]' },
  floor: { arity: [1, 1], impl: Math.floor, doc: 'round down' },
  ceil: { arity: [1, 1], impl: Math.ceil, doc: 'round up' },
  round: { arity: [1, 1], impl: Math.round, doc: 'round to the nearest integer' },
  sign: { arity: [1, 1], impl: Math.sign, doc: '−1, 0 or 1' },
  hypot: { arity: [2, 3], impl: Math.hypot, doc: 'length of a 2D or 3D vector' },
  lerp: { arity: [3, 3], impl: (a, b, k) => a + (b - a) * k, doc: 'a + (b − a)·k' },
  near: {
    arity: [3, 3],
    impl: (a, b, tol) => (Math.abs(a - b) <= tol ? 1 : 0),
    doc: 'true when |a − b| ≤ tol (returns a boolean)',
  },
}

/** Functions whose result is a boolean; all others return numbers. */
export const BOOLEAN_FUNCTIONS: ReadonlySet<string> = new Set(['near'])

/** Named constants. `t` (the shared lab clock) is not one: it is a variable every lab has. */
export const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E }

/** Own-property lookup, so names like "constructor" or "__proto__" are never found on a prototype. */
export function lookupFunction(name: string): FunctionSpec | undefined {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined
}

export function lookupConstant(name: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(CONSTANTS, name) ? CONSTANTS[name] : undefined
}
