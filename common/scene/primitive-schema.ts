/**
 * Primitive shapes (formatVersion 2): one union on `shape` with named dimensions, used for room
 * decor. Version 1 had `size: [x, y, z]` for every shape; migrations.ts converts it.
 */
import { z } from 'zod'
import { colorSchema, placed, positive, size2, size3 } from './basics.ts'

export const PRIMITIVE_SHAPES = ['box', 'cylinder', 'sphere', 'plane'] as const
export type PrimitiveShape = (typeof PRIMITIVE_SHAPES)[number]

/** Dimensions of each shape, in metres; shared with lab object parts. */
export const shapeFields = {
  box: { size: size3 },
  /** A cylinder standing on Y; `radiusTop` (default `radius`) makes a cone or frustum. */
  cylinder: { radius: positive, height: positive, radiusTop: z.number().finite().min(0).optional() },
  sphere: { radius: positive },
  /** A flat rectangle facing +Z. */
  plane: { size: size2 },
} as const

export const primitiveSchema = z.discriminatedUnion('shape', [
  z.strictObject({ shape: z.literal('box'), ...placed, ...shapeFields.box, color: colorSchema }),
  z.strictObject({ shape: z.literal('cylinder'), ...placed, ...shapeFields.cylinder, color: colorSchema }),
  z.strictObject({ shape: z.literal('sphere'), ...placed, ...shapeFields.sphere, color: colorSchema }),
  z.strictObject({ shape: z.literal('plane'), ...placed, ...shapeFields.plane, color: colorSchema }),
])
export type Primitive = z.infer<typeof primitiveSchema>
