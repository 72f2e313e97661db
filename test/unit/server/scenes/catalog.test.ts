import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { SceneCatalog } from '../../../../server/scenes/catalog.ts'

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures/scenes')
const scenesDir = path.resolve(import.meta.dirname, '../../../../scenes')
const temps: string[] = []
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

/** A logger that keeps what it logged, to check that skipped packages are reported. */
function memoryLog() {
  const lines: Record<string, unknown>[] = []
  const log = pino({ level: 'error' }, { write: (s: string) => void lines.push(JSON.parse(s)) })
  return { log, lines }
}

describe('the scene catalog', () => {
  it('loads every valid package and skips broken ones, logging each with its problems', async () => {
    const { log, lines } = memoryLog()
    const catalog = await SceneCatalog.load(
      { builtIn: path.join(fixtures, 'broken'), uploads: path.join(fixtures, 'valid') },
      log,
    )
    expect(catalog.list().map((e) => [e.scene.id, e.origin])).toEqual([['tiny-lab', 'uploaded']])
    expect(lines.length).toBe(fs.readdirSync(path.join(fixtures, 'broken')).length)
    expect(lines.find((l) => String(l.dir).endsWith('bad-colour'))?.issues).toEqual([
      'scene.json: environment.floor.color: must be a colour like "#33aa77"',
    ])
  })

  it('never lets an uploaded or authored package replace a built-in scene', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-catalog-'))
    temps.push(parent)
    fs.cpSync(path.join(scenesDir, 'pendulum'), path.join(parent, 'pendulum'), { recursive: true })
    const { log } = memoryLog()
    const catalog = await SceneCatalog.load({ builtIn: scenesDir, uploads: parent }, log)
    expect(catalog.get('pendulum')?.origin).toBe('built-in')
    const report = await catalog.loadPackage(path.join(parent, 'pendulum'), 'dev')
    expect(report.issues).toEqual([
      { file: 'scene.json', path: 'id', message: '"pendulum" is a built-in scene; choose another id' },
    ])
  })

  it('counts revisions and tells listeners when a package is replaced', async () => {
    const { log } = memoryLog()
    const catalog = await SceneCatalog.load({ builtIn: path.join(fixtures, 'valid') }, log)
    const seen: number[] = []
    catalog.onChange((e) => seen.push(e.revision))
    await catalog.loadPackage(path.join(fixtures, 'valid/tiny-lab'), 'built-in')
    expect(seen).toEqual([2])
  })
})
