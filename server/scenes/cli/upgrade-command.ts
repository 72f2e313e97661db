import fs from 'node:fs'
import path from 'node:path'
import { migrateScene } from '#common/scene/migrations.ts'
import { loadScene } from '#common/scene/load.ts'
import { SCENE_FORMAT_VERSION } from '#common/scene/schema.ts'
import type { CliIo } from './main.ts'

/** `upgrade <dir>`: rewrites scene.json in the current formatVersion, only when the result loads. */
export async function runUpgrade(args: string[], io: CliIo): Promise<number> {
  if (args.length !== 1) {
    io.err('usage: npm run scene -- upgrade <dir>')
    return 2
  }
  const file = path.join(path.resolve(args[0]!), 'scene.json')
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    io.err(`${file}: cannot be read as JSON (${(err as Error).message}); run validate for details`)
    return 1
  }
  const migrated = migrateScene(json)
  if (!migrated.ok || !loadScene(migrated.value).ok) {
    io.err(`${file}: does not load; run \`npm run scene -- validate ${args[0]}\` and fix it first`)
    return 1
  }
  if (migrated.from === SCENE_FORMAT_VERSION) {
    io.out(`${file}: already formatVersion ${SCENE_FORMAT_VERSION}`)
    return 0
  }
  fs.writeFileSync(file, JSON.stringify(migrated.value, null, 2) + '\n')
  io.out(`${file}: upgraded from formatVersion ${migrated.from} to ${SCENE_FORMAT_VERSION}`)
  return 0
}
