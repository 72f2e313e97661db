/**
 * Recursive-descent parser of the lab expression language. Precedence, lowest first:
 * `? :` → `||` → `&&` → comparisons (not chained) → `+ -` → `* / %` → unary `- + !` → `^`
 * (right-associative, so `-2^2` is −4 and `2^3^2` is 512). Nesting depth and size are bounded
 * so hostile input cannot exhaust the stack.
 */
import type { BinaryOp, ExprNode } from './ast.ts'
import { tokenize, type ExpressionError, type Operator, type Token } from './lexer.ts'

/** Deepest nesting of parentheses, calls and operators accepted. */
export const MAX_DEPTH = 32
/** Most nodes in one expression. */
export const MAX_NODES = 200

export type ParseResult = { ok: true; ast: ExprNode } | { ok: false; error: ExpressionError }

class ParseFailure extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message)
  }
}

const COMPARISONS: readonly Operator[] = ['<', '<=', '>', '>=', '==', '!=']
const LEVELS: readonly (readonly Operator[])[] = [['||'], ['&&'], COMPARISONS, ['+', '-'], ['*', '/', '%']]

class Parser {
  private i = 0
  private depth = 0
  private nodes = 0

  constructor(private readonly tokens: Token[]) {}

  parse(): ExprNode {
    const node = this.expr()
    const t = this.peek()
    if (t.kind !== 'end') throw new ParseFailure(`unexpected ${describe(t)}; an operator is missing`, t.pos)
    return node
  }

  private peek(): Token {
    return this.tokens[this.i]!
  }
  private isOp(op: Operator): boolean {
    const t = this.peek()
    return t.kind === 'op' && t.op === op
  }
  private expect(op: Operator): void {
    const t = this.peek()
    if (!this.isOp(op)) throw new ParseFailure(`expected "${op}" but found ${describe(t)}`, t.pos)
    this.i++
  }
  private node<N extends ExprNode>(n: N): N {
    if (++this.nodes > MAX_NODES) throw new ParseFailure(`has more than ${MAX_NODES} parts; split it up`, n.pos)
    return n
  }
  private enter(pos: number): void {
    if (++this.depth > MAX_DEPTH) throw new ParseFailure(`is nested more than ${MAX_DEPTH} levels deep`, pos)
  }

  private expr(): ExprNode {
    this.enter(this.peek().pos)
    try {
      const test = this.binary(0)
      if (!this.isOp('?')) return test
      const pos = this.peek().pos
      this.i++
      const then = this.expr()
      this.expect(':')
      const otherwise = this.expr()
      return this.node({ type: 'cond', test, then, else: otherwise, pos })
    } finally {
      this.depth--
    }
  }

  /** Levels 0 `||`, 1 `&&`, 2 comparisons, 3 `+ -`, 4 `* / %`. */
  private binary(level: number): ExprNode {
    if (level > 4) return this.unary()
    const ops = LEVELS[level]!
    let left = this.binary(level + 1)
    for (;;) {
      const t = this.peek()
      if (t.kind !== 'op' || !ops.includes(t.op)) return left
      this.i++
      const right = this.binary(level + 1)
      left = this.node({ type: 'binary', op: t.op as BinaryOp, left, right, pos: t.pos })
      const next = this.peek()
      if (level === 2 && next.kind === 'op' && COMPARISONS.includes(next.op)) {
        throw new ParseFailure('comparisons cannot be chained; join them with "&&"', next.pos)
      }
    }
  }

  private unary(): ExprNode {
    const t = this.peek()
    if (t.kind === 'op' && (t.op === '-' || t.op === '+' || t.op === '!')) {
      this.enter(t.pos)
      this.i++
      try {
        return this.node({ type: 'unary', op: t.op, arg: this.unary(), pos: t.pos })
      } finally {
        this.depth--
      }
    }
    const base = this.primary()
    if (!this.isOp('^')) return base
    const pos = this.peek().pos
    this.i++
    return this.node({ type: 'binary', op: '^', left: base, right: this.unary(), pos })
  }

  private primary(): ExprNode {
    const t = this.peek()
    if (t.kind === 'num') {
      this.i++
      return this.node({ type: 'num', value: t.value, pos: t.pos })
    }
    if (t.kind === 'name') {
      this.i++
      if (!this.isOp('(')) return this.node({ type: 'name', name: t.name, pos: t.pos })
      this.i++
      const args: ExprNode[] = []
      if (!this.isOp(')')) {
        args.push(this.expr())
        while (this.isOp(',')) {
          this.i++
          args.push(this.expr())
        }
      }
      this.expect(')')
      return this.node({ type: 'call', fn: t.name, args, pos: t.pos })
    }
    if (this.isOp('(')) {
      this.i++
      const inner = this.expr()
      this.expect(')')
      return inner
    }
    throw new ParseFailure(t.kind === 'end' ? 'ends too early' : `unexpected ${describe(t)}`, t.pos)
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'num':
      return `number ${t.value}`
    case 'name':
      return `name "${t.name}"`
    case 'op':
      return `"${t.op}"`
    case 'end':
      return 'end of expression'
  }
}

/** Parses source text; never throws. Errors carry a 1-based column. */
export function parseExpression(src: string): ParseResult {
  const lexed = tokenize(src)
  if (!lexed.ok) return lexed
  if (lexed.tokens.length === 1) return { ok: false, error: { message: 'is empty', column: 1 } }
  try {
    return { ok: true, ast: new Parser(lexed.tokens).parse() }
  } catch (err) {
    if (err instanceof ParseFailure) return { ok: false, error: { message: err.message, column: err.pos + 1 } }
    throw err
  }
}
