/**
 * Lab objects: one union on `kind`. Every object has a transform that may be an expression of
 * state and the shared clock `t`, so all clients draw the same motion without sending frames.
 * The client renders each kind through an exhaustive registry (client/labs/registry.tsx).
 */
import { z } from 'zod'
import { localizedTextSchema, positive, size2, vec3Schema, colorSchema } from './basics.ts'
import { partsSchema } from './lab-parts.ts'
import { actionsSchema } from './lab-actions.ts'
import { booleanValueSchema, expressionSchema, labNameSchema, vec3ValueSchema } from './lab-values.ts'

const base = {
  /** Unique among variables, derived values and objects; timers are read in expressions by it. */
  id: labNameSchema,
  /** Accessible name, also shown in the lab panel. */
  label: localizedTextSchema.optional(),
  position: vec3ValueSchema.default([0, 0, 0]),
  /** Degrees. */
  rotation: vec3ValueSchema.default([0, 0, 0]),
  scale: vec3ValueSchema.default([1, 1, 1]),
  visible: booleanValueSchema.default(true),
  /** Looks; each kind has a default look when absent. */
  parts: partsSchema.optional(),
}
const labelled = { ...base, label: localizedTextSchema }
const AXES = ['x', 'y', 'z'] as const
const decimals = z.int().min(0).max(6).default(2)

export const labObjectSchema = z.discriminatedUnion('kind', [
  /** A passive shape that moves with expressions (a pendulum bob, an image on a screen). */
  z.strictObject({ kind: z.literal('body'), ...base, parts: partsSchema }),
  /**
   * Something a participant drags. With `drag`, it slides along one axis and its position is
   * `offset + scale × variable`; without, it moves freely on the horizontal plane.
   */
  z.strictObject({
    kind: z.literal('grabbable'),
    ...labelled,
    parts: partsSchema,
    drag: z
      .strictObject({
        variable: labNameSchema,
        axis: z.enum(AXES).default('x'),
        offset: z.number().finite().default(0),
        scale: z
          .number()
          .finite()
          .refine((n) => n !== 0, 'must not be 0')
          .default(1),
      })
      .optional(),
  }),
  z.strictObject({ kind: z.literal('button'), ...labelled, actions: actionsSchema }),
  /** Flips a boolean variable. */
  z.strictObject({ kind: z.literal('toggle'), ...labelled, variable: labNameSchema }),
  /** A knob on a track: the track spans the variable's range. */
  z.strictObject({
    kind: z.literal('slider'),
    ...labelled,
    variable: labNameSchema,
    axis: z.enum(AXES).default('x'),
    length: positive.default(0.3),
    onChange: actionsSchema.optional(),
  }),
  /** A rotary knob: `sweep` degrees span the variable's range. */
  z.strictObject({
    kind: z.literal('dial'),
    ...labelled,
    variable: labNameSchema,
    sweep: z.number().finite().min(30).max(350).default(270),
    onChange: actionsSchema.optional(),
  }),
  /** A digital display of a value with its unit. */
  z.strictObject({
    kind: z.literal('readout'),
    ...base,
    value: expressionSchema,
    unit: z.string().max(16).default(''),
    decimals,
    size: size2.default([0.32, 0.12]),
  }),
  /** A stopwatch (counts up) or countdown; expressions read it in seconds by its id. */
  z.strictObject({
    kind: z.literal('timer'),
    ...labelled,
    mode: z.enum(['stopwatch', 'countdown']).default('stopwatch'),
    /** Seconds; required for a countdown. */
    duration: positive.optional(),
    decimals,
  }),
  /** An analogue meter (ammeter, voltmeter, thermometer): a needle over a scale from min to max. */
  z.strictObject({
    kind: z.literal('probe'),
    ...labelled,
    value: expressionSchema,
    unit: z.string().max(16).default(''),
    min: z.number().finite().default(0),
    max: z.number().finite(),
    decimals,
  }),
  /** Places new copies of `template` that participants can then move freely (markers, weights). */
  z.strictObject({
    kind: z.literal('spawner'),
    ...labelled,
    template: partsSchema,
    max: z.int().min(1).max(50).default(10),
    /** Where copies appear, relative to the spawner, metres. */
    spawnOffset: vec3Schema.default([0, 0.1, 0]),
  }),
  /** Text in the room. */
  z.strictObject({
    kind: z.literal('label'),
    ...base,
    text: localizedTextSchema,
    /** Letter height in metres. */
    height: positive.default(0.06),
    color: colorSchema.default('#1d232b'),
    background: colorSchema.optional(),
  }),
])
export type LabObject = z.infer<typeof labObjectSchema>
export type LabObjectKind = LabObject['kind']
export type LabObjectOf<K extends LabObjectKind> = Extract<LabObject, { kind: K }>
