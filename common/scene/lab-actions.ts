/** What buttons (and slider or dial changes) do: one union on `do`. */
import { z } from 'zod'
import { expressionSchema, labNameSchema } from './lab-values.ts'

export const CLOCK_OPS = ['start', 'stop', 'reset', 'restart'] as const
export const TIMER_OPS = ['start', 'stop', 'reset', 'toggle'] as const

export const actionSchema = z.discriminatedUnion('do', [
  /** Sets a variable to the value of an expression, evaluated when pressed (clamped to its range). */
  z.strictObject({
    do: z.literal('set'),
    variable: labNameSchema,
    value: z.union([z.number(), z.boolean(), expressionSchema]),
  }),
  /** Flips a boolean variable. */
  z.strictObject({ do: z.literal('toggle'), variable: labNameSchema }),
  /**
   * The lab clock `t`: `start` resumes, `stop` pauses, `reset` stops at 0, `restart` runs from 0
   * (a pendulum's "release").
   */
  z.strictObject({ do: z.literal('clock'), op: z.enum(CLOCK_OPS) }),
  /** A timer object by id. */
  z.strictObject({ do: z.literal('timer'), timer: labNameSchema, op: z.enum(TIMER_OPS) }),
])
export type LabAction = z.infer<typeof actionSchema>
export const actionsSchema = z.array(actionSchema).min(1).max(16)
