/**
 * The `lab` section of scene.json: typed state variables with units and ranges, derived values,
 * objects and guided steps. Live values live in the session's lab document
 * (common/collab/lab-doc.ts); the package only holds the initial state.
 */
import { z } from 'zod'
import { localizedTextSchema } from './basics.ts'
import { labObjectSchema } from './lab-objects.ts'
import { expressionSchema, labNameSchema } from './lab-values.ts'

export const variableSchema = z.discriminatedUnion('type', [
  z.strictObject({
    id: labNameSchema,
    type: z.literal('number'),
    label: localizedTextSchema,
    /** SI symbol shown next to values: "m", "kg", "°", "Ω", "V", "A", "cm". */
    unit: z.string().max(16).default(''),
    min: z.number().finite(),
    max: z.number().finite(),
    /** Granularity of sliders and dials; default (max − min) / 100. */
    step: z.number().finite().positive().optional(),
    initial: z.number().finite(),
  }),
  z.strictObject({ id: labNameSchema, type: z.literal('boolean'), label: localizedTextSchema, initial: z.boolean() }),
])
export type LabVariable = z.infer<typeof variableSchema>

/** A named formula over variables, timers, `t` and earlier derived values. */
export const derivedSchema = z.strictObject({
  id: labNameSchema,
  label: localizedTextSchema.optional(),
  unit: z.string().max(16).default(''),
  value: expressionSchema,
})
export type LabDerived = z.infer<typeof derivedSchema>

/** A guided step: done once its condition holds (then recorded for the participants). */
export const stepSchema = z.strictObject({
  id: labNameSchema,
  title: localizedTextSchema,
  instructions: localizedTextSchema,
  /** A boolean expression; the step completes the first time it is true while it is the current step. */
  done: expressionSchema,
})
export type LabStep = z.infer<typeof stepSchema>

export const LAB_LIMITS = { variables: 64, derived: 128, objects: 200, steps: 50 } as const

export const labSchema = z.strictObject({
  variables: z.array(variableSchema).max(LAB_LIMITS.variables).default([]),
  derived: z.array(derivedSchema).max(LAB_LIMITS.derived).default([]),
  objects: z.array(labObjectSchema).max(LAB_LIMITS.objects).default([]),
  steps: z.array(stepSchema).max(LAB_LIMITS.steps).default([]),
})
export type Lab = z.infer<typeof labSchema>
