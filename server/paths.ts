import fs from 'node:fs'
import path from 'node:path'

/**
 * The project root: the nearest folder upwards holding Atrium's package.json. Works from the
 * TypeScript sources (server/) and from the bundle (dist/server/) alike.
 */
function findRoot(from: string): string {
  let dir = from
  for (;;) {
    const pkg = path.join(dir, 'package.json')
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'atrium') {
      return dir
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`Atrium: no package.json of atrium above ${from}`)
    dir = parent
  }
}

export const projectRoot = findRoot(import.meta.dirname)
