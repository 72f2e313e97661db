import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderSceneJsonSchema, SCHEMA_FILE } from '../../server/scenes/write-json-schema.ts'

describe('scenes/scene.schema.json', () => {
  it('matches common/scene/schema.ts (run `npm run gen` after changing the format)', () => {
    expect(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(JSON.parse(renderSceneJsonSchema()))
  })
})
