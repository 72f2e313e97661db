/**
 * The scene format, version 2: what an institution writes in `scenes/<id>/scene.json`.
 * Units: metres, degrees, `#rrggbb` colours. +Y is up; the audience faces −Z (towards the stage).
 * Spec: scenes/FORMAT.md. The JSON Schema in scenes/scene.schema.json is generated from this file.
 */
import { z } from 'zod'
import { sceneIdSchema } from '../ids.ts'
import { ROLES } from '../roles.ts'
import { labSchema } from './lab-schema.ts'
import { primitiveSchema } from './primitive-schema.ts'
import {
  assetPath,
  colorSchema,
  finite,
  localId,
  localizedTextSchema,
  placed,
  positive,
  size2,
  size3,
  vec3Schema,
} from './basics.ts'

export { LANGUAGES, colorSchema, localizedTextSchema, rotationSchema, vec3Schema } from './basics.ts'
export type { Language, LocalizedText, Vec3 } from './basics.ts'
export { PRIMITIVE_SHAPES, primitiveSchema } from './primitive-schema.ts'
export type { Primitive } from './primitive-schema.ts'

export const SCENE_FORMAT_VERSION = 2

export const lightSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ambient'), color: colorSchema.default('#ffffff'), intensity: finite.min(0) }),
  z.strictObject({
    type: z.literal('hemisphere'),
    sky: colorSchema,
    ground: colorSchema,
    intensity: finite.min(0),
  }),
  z.strictObject({
    type: z.literal('directional'),
    position: vec3Schema,
    color: colorSchema.default('#ffffff'),
    intensity: finite.min(0),
  }),
  z.strictObject({
    type: z.literal('point'),
    position: vec3Schema,
    color: colorSchema.default('#ffffff'),
    intensity: finite.min(0),
    distance: finite.min(0).default(0),
  }),
])
export type Light = z.infer<typeof lightSchema>

export const SCREEN_ROLES = ['main', 'side', 'window'] as const
export const screenSchema = z.strictObject({
  id: localId,
  /** `main`: lecture feed; `side`: participants' cameras; `window`: the physical room's camera. */
  role: z.enum(SCREEN_ROLES),
  ...placed,
  size: size2,
})
export type Screen = z.infer<typeof screenSchema>

export const boardSchema = z.strictObject({ id: localId, ...placed, size: size2 })
export type Board = z.infer<typeof boardSchema>

export const seatSchema = z.strictObject({
  id: localId,
  ...placed,
  label: localizedTextSchema.optional(),
  /** Where this seat is in the physical classroom's seat map; absent for virtual-only seats. */
  onsite: z.strictObject({ row: z.int().min(1), column: z.int().min(1) }).optional(),
})
export type Seat = z.infer<typeof seatSchema>

export const spawnPointSchema = z.strictObject({
  id: localId,
  /** Roles that start here; absent means everyone without a more specific spawn point. */
  roles: z.array(z.enum(ROLES)).min(1).optional(),
  ...placed,
})
export type SpawnPoint = z.infer<typeof spawnPointSchema>

export const environmentSchema = z.strictObject({
  /** A glTF/GLB model of the room, drawn in addition to floor, walls and primitives. */
  model: assetPath.optional(),
  background: colorSchema.default('#dfe7ee'),
  floor: z.strictObject({ size: size2, color: colorSchema }),
  walls: z.strictObject({ height: positive, color: colorSchema }).optional(),
})

export const sceneSchema = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(SCENE_FORMAT_VERSION),
  id: sceneIdSchema,
  kind: z.enum(['classroom', 'lab']),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  environment: environmentSchema,
  lights: z.array(lightSchema).max(16).default([]),
  stage: z.strictObject({ position: vec3Schema, size: size3, color: colorSchema }).optional(),
  screens: z.array(screenSchema).max(16).default([]),
  boards: z.array(boardSchema).max(16).default([]),
  seats: z.array(seatSchema).max(500).default([]),
  spawnPoints: z.array(spawnPointSchema).min(1).max(64),
  primitives: z.array(primitiveSchema).max(2000).default([]),
  /** Interactive lab: state variables, objects bound to them, guided steps. Required when `kind` is `lab`. */
  lab: labSchema.optional(),
})
export type Scene = z.infer<typeof sceneSchema>
