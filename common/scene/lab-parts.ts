/**
 * What a lab object looks like: primitive shapes or glTF models placed relative to the object.
 * Part transforms, opacity and glow may be expressions, so a pendulum rod can stretch with its
 * length and a bulb can glow with its power.
 */
import { z } from 'zod'
import { assetPath, colorSchema } from './basics.ts'
import { shapeFields } from './primitive-schema.ts'
import { booleanValueSchema, numberValueSchema, vec3ValueSchema } from './lab-values.ts'

const partPlacement = {
  position: vec3ValueSchema.default([0, 0, 0]),
  /** Degrees. */
  rotation: vec3ValueSchema.default([0, 0, 0]),
  scale: vec3ValueSchema.default([1, 1, 1]),
  visible: booleanValueSchema.default(true),
}
const look = {
  color: colorSchema,
  /** 0 (invisible) to 1 (opaque). */
  opacity: numberValueSchema.default(1),
  /** Emissive strength in the part's own colour, 0 (none) to 1 (fully lit); a bulb uses this. */
  glow: numberValueSchema.default(0),
}

export const partSchema = z.discriminatedUnion('shape', [
  z.strictObject({ shape: z.literal('box'), ...shapeFields.box, ...partPlacement, ...look }),
  z.strictObject({ shape: z.literal('cylinder'), ...shapeFields.cylinder, ...partPlacement, ...look }),
  z.strictObject({ shape: z.literal('sphere'), ...shapeFields.sphere, ...partPlacement, ...look }),
  z.strictObject({ shape: z.literal('plane'), ...shapeFields.plane, ...partPlacement, ...look }),
  /** A glTF 2.0 model (`.gltf` or `.glb`) inside the package. */
  z.strictObject({ shape: z.literal('model'), model: assetPath, ...partPlacement }),
])
export type Part = z.infer<typeof partSchema>

/** At most this many parts per object. */
export const MAX_PARTS = 32
export const partsSchema = z.array(partSchema).min(1).max(MAX_PARTS)
