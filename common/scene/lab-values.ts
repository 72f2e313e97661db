/**
 * Value fields of lab objects: a fixed number, or an expression (a string) over the lab's
 * variables and the shared clock `t`. Syntax and names are checked by lab-check.ts.
 */
import { z } from 'zod'
import { finite } from './basics.ts'
import { MAX_EXPRESSION_LENGTH } from './expr/lexer.ts'

/** Expression source text. */
export const expressionSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_EXPRESSION_LENGTH, `must be at most ${MAX_EXPRESSION_LENGTH} characters`)

/** A number, or an expression giving a number. */
export const numberValueSchema = z.union([finite, expressionSchema], {
  error: 'must be a number or an expression in quotes, such as "2 * length"',
})
export type NumberValue = z.infer<typeof numberValueSchema>

/** true/false, or an expression giving a boolean. */
export const booleanValueSchema = z.union([z.boolean(), expressionSchema], {
  error: 'must be true, false or an expression in quotes, such as "t > 2"',
})
export type BooleanValue = z.infer<typeof booleanValueSchema>

/** `[x, y, z]` of numbers or expressions (metres, or degrees for rotations). */
export const vec3ValueSchema = z.tuple([numberValueSchema, numberValueSchema, numberValueSchema])
export type Vec3Value = z.infer<typeof vec3ValueSchema>

/**
 * Names readable by expressions: variables, derived values and timers. Like identifiers in most
 * languages, so an id can be typed in an expression as it is.
 */
export const labNameSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and contain only letters, digits and "_"')
