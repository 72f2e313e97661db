/**
 * The scene format, version 1: what an institution writes in `scenes/<id>/scene.json`.
 * Units: metres, degrees, `#rrggbb` colours. +Y is up; the audience faces −Z (towards the stage).
 * Spec: scenes/FORMAT.md. The JSON Schema in scenes/scene.schema.json is generated from this file.
 */
import { z } from 'zod'
import { sceneIdSchema } from '../ids.ts'
import { ROLES } from '../roles.ts'

export const SCENE_FORMAT_VERSION = 1

export const LANGUAGES = ['en', 'zh-CN'] as const
export type Language = (typeof LANGUAGES)[number]

const finite = z.number().finite()
/** A position in metres, `[x, y, z]`. */
export const vec3Schema = z.tuple([finite, finite, finite])
export type Vec3 = z.infer<typeof vec3Schema>
/** Euler rotation in degrees, `[x, y, z]`, applied in XYZ order. */
export const rotationSchema = z.tuple([finite, finite, finite])
const positive = z.number().finite().positive()
const size2 = z.tuple([positive, positive])
const size3 = z.tuple([positive, positive, positive])
export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#33aa77"')
const localId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "_" or "-"')
/** A path inside the package, relative to scene.json, without `..`. */
const assetPath = z
  .string()
  .min(1)
  .max(256)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_./-]+$/, 'must be a relative path inside the package')

/** Text in one or more languages; readers fall back to any language present. */
export const localizedTextSchema = z
  .partialRecord(z.enum(LANGUAGES), z.string().min(1).max(2000))
  .refine((t) => Object.keys(t).length > 0, 'must have at least one language ("en" or "zh-CN")')
export type LocalizedText = z.infer<typeof localizedTextSchema>

const placed = { position: vec3Schema, rotation: rotationSchema.default([0, 0, 0]) }

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

export const PRIMITIVE_SHAPES = ['box', 'cylinder', 'sphere', 'plane'] as const
export const primitiveSchema = z.strictObject({
  shape: z.enum(PRIMITIVE_SHAPES),
  ...placed,
  /** box: [w, h, d]; cylinder: [radius, height, radius]; sphere: [r, r, r]; plane: [w, h, 1]. */
  size: size3,
  color: colorSchema,
})
export type Primitive = z.infer<typeof primitiveSchema>

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
})
export type Scene = z.infer<typeof sceneSchema>
