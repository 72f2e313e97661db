/**
 * Tokens of the lab expression language (spec: scenes/FORMAT.md, "Expressions").
 * Numbers, names, operators and parentheses only: there are no strings, no brackets and no `.`
 * after a name, so an expression can never reach into an object or call into the host.
 */

/** Longest expression source accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 500

export type Token =
  | { kind: 'num'; value: number; pos: number }
  | { kind: 'name'; name: string; pos: number }
  | { kind: 'op'; op: Operator; pos: number }
  | { kind: 'end'; pos: number }

export const OPERATORS = [
  '&&',
  '||',
  '<=',
  '>=',
  '==',
  '!=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '(',
  ')',
  ',',
  '?',
  ':',
  '<',
  '>',
  '!',
] as const
export type Operator = (typeof OPERATORS)[number]

/** A mistake in an expression: a sentence and the 1-based column it points at. */
export interface ExpressionError {
  message: string
  column: number
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/

function explainStray(ch: string): string {
  if (ch === '.') return 'property access with "." is not allowed; use a variable name'
  if (ch === '"' || ch === "'" || ch === '`') return 'strings are not allowed in expressions'
  if (ch === '=') return '"=" is not an operator; compare with "=="'
  if (ch === '&' || ch === '|') return `"${ch}" alone is not an operator; use "${ch}${ch}"`
  if (ch === '[' || ch === ']' || ch === '{' || ch === '}') return `"${ch}" is not allowed; use ( ) for grouping`
  if (ch === ';') return 'only one expression is allowed; remove ";"'
  return `unexpected character "${ch}"`
}

/** Splits source text into tokens, or reports the first character that is not part of the language. */
export function tokenize(src: string): { ok: true; tokens: Token[] } | { ok: false; error: ExpressionError } {
  if (src.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, error: { message: `is longer than ${MAX_EXPRESSION_LENGTH} characters`, column: 1 } }
  }
  const tokens: Token[] = []
  let i = 0
  while (i < src.length) {
    const ch = src[i]!
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++
      continue
    }
    const rest = src.slice(i)
    const num = NUMBER.exec(rest)
    if (num && /[\d.]/.test(ch)) {
      const after = src[i + num[0].length]
      if (after !== undefined && /[A-Za-z_.]/.test(after)) {
        return { ok: false, error: { message: `"${num[0]}${after}" is not a number`, column: i + 1 } }
      }
      tokens.push({ kind: 'num', value: Number(num[0]), pos: i })
      i += num[0].length
      continue
    }
    const name = NAME.exec(rest)
    if (name) {
      tokens.push({ kind: 'name', name: name[0], pos: i })
      i += name[0].length
      continue
    }
    const op = OPERATORS.find((o) => rest.startsWith(o))
    if (op) {
      tokens.push({ kind: 'op', op, pos: i })
      i += op.length
      continue
    }
    return { ok: false, error: { message: explainStray(ch), column: i + 1 } }
  }
  tokens.push({ kind: 'end', pos: src.length })
  return { ok: true, tokens }
}
