/**
 * Building blocks shared by every part of scene.json: units, colours, ids, texts, asset paths.
 * Units: metres, degrees, `#rrggbb` colours. +Y is up; the audience faces −Z.
 */
import { z } from 'zod'

export const LANGUAGES = ['en', 'zh-CN'] as const
export type Language = (typeof LANGUAGES)[number]

export const finite = z.number().finite()
export const positive = z.number().finite().positive()
/** A position in metres, `[x, y, z]`. */
export const vec3Schema = z.tuple([finite, finite, finite])
export type Vec3 = z.infer<typeof vec3Schema>
/** Euler rotation in degrees, `[x, y, z]`, applied in XYZ order. */
export const rotationSchema = z.tuple([finite, finite, finite])
export const size2 = z.tuple([positive, positive])
export const size3 = z.tuple([positive, positive, positive])
export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#33aa77"')
/** Ids of room items and lab objects. */
export const localId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "_" or "-"')
/** A path inside the package, relative to scene.json, without `..`. */
export const assetPath = z
  .string()
  .min(1)
  .max(256)
  .regex(
    /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_./-]+$/,
    'must be a relative path inside the package (letters, digits, "_", "-", ".", "/"; no ".." and no leading "/")',
  )

/** Text in one or more languages; readers fall back to any language present. */
export const localizedTextSchema = z
  .partialRecord(z.enum(LANGUAGES), z.string().min(1).max(2000))
  .refine((t) => Object.keys(t).length > 0, 'must have at least one language ("en" or "zh-CN")')
export type LocalizedText = z.infer<typeof localizedTextSchema>

export const placed = { position: vec3Schema, rotation: rotationSchema.default([0, 0, 0]) }
