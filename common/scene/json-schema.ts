import { z } from 'zod'
import { sceneSchema } from './schema.ts'

/** The JSON Schema of scene.json (input side: fields with defaults are optional), for editors. */
export function sceneJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(sceneSchema, { io: 'input', target: 'draft-2020-12', reused: 'ref' }),
    $id: 'https://atrium.invalid/scene.schema.json',
    title: 'Atrium scene package (scene.json)',
  }
}
