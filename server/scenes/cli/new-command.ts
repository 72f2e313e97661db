import fs from 'node:fs'
import path from 'node:path'
import { sceneIdSchema } from '#common/ids.ts'
import type { CliIo } from './main.ts'
import { scaffoldReadme, scaffoldScene } from './scaffold.ts'
import { SCHEMA_FILE } from '../write-json-schema.ts'

/** `new <id> [--in <folder>]`: creates `<folder>/<id>/` with scene.json and README.md. */
export async function runNew(args: string[], io: CliIo): Promise<number> {
  const inAt = args.indexOf('--in')
  const parent = inAt >= 0 ? args[inAt + 1] : 'scenes'
  const ids = args.filter((_, i) => i !== inAt && i !== inAt + 1)
  if (ids.length !== 1 || !parent) {
    io.err('usage: npm run scene -- new <id> [--in <folder>]')
    return 2
  }
  const id = sceneIdSchema.safeParse(ids[0])
  if (!id.success) {
    io.err(`"${ids[0]}" cannot be a scene id: it ${id.error.issues[0]?.message}, e.g. "my-school.free-fall"`)
    return 2
  }
  const dir = path.resolve(parent, id.data)
  if (fs.existsSync(dir)) {
    io.err(`${dir} already exists; choose another id or remove it`)
    return 1
  }
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(
    path.join(dir, 'scene.json'),
    JSON.stringify(scaffoldScene(id.data, path.relative(dir, SCHEMA_FILE).split(path.sep).join('/')), null, 2) + '\n',
  )
  fs.writeFileSync(path.join(dir, 'README.md'), scaffoldReadme(id.data))
  const shown = path.relative(process.cwd(), dir) || dir
  io.out(`created ${shown}/scene.json and README.md`)
  io.out(`next: npm run scene -- dev ${shown}    (opens it in a local Atrium and reloads on save)`)
  return 0
}
