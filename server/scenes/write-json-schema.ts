/** `npm run gen`: writes scenes/scene.schema.json from common/scene (a test fails when it is stale). */
import fs from 'node:fs'
import path from 'node:path'
import { sceneJsonSchema } from '#common/scene/json-schema.ts'

export const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../scenes/scene.schema.json')

export function renderSceneJsonSchema(): string {
  return JSON.stringify(sceneJsonSchema(), null, 2) + '\n'
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(SCHEMA_FILE, renderSceneJsonSchema())
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`)
}
