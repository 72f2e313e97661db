/** `GET /api/scenes`: the catalog as listed to clients (docs/api.md, "Scenes"). */
import { z } from 'zod'
import { localizedTextSchema } from '../scene/schema.ts'

export const sceneListEntrySchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  origin: z.enum(['built-in', 'uploaded', 'dev']),
})
export type SceneListEntry = z.infer<typeof sceneListEntrySchema>

export const sceneListSchema = z.object({ scenes: z.array(sceneListEntrySchema) })
export type SceneList = z.infer<typeof sceneListSchema>
