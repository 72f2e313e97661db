/** The syntax tree of a lab expression. `pos` is the 0-based offset in the source. */
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||'

export type ExprNode =
  | { type: 'num'; value: number; pos: number }
  | { type: 'name'; name: string; pos: number }
  | { type: 'unary'; op: '-' | '+' | '!'; arg: ExprNode; pos: number }
  | { type: 'binary'; op: BinaryOp; left: ExprNode; right: ExprNode; pos: number }
  | { type: 'call'; fn: string; args: ExprNode[]; pos: number }
  | { type: 'cond'; test: ExprNode; then: ExprNode; else: ExprNode; pos: number }

/** The two value types: booleans come from comparisons, logic and boolean variables. */
export type ValueType = 'number' | 'boolean'
