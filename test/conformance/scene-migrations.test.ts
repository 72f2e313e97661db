/**
 * Every past formatVersion still loads: each has fixtures under test/fixtures/scenes/v<N>/, and
 * they migrate to the current version and validate. The v1 lecture hall must become exactly the
 * lecture hall shipped today.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadScene } from '#common/scene/load.ts'
import { migrateScene } from '#common/scene/migrations.ts'
import { SCENE_FORMAT_VERSION } from '#common/scene/schema.ts'

const fixtures = path.resolve(import.meta.dirname, '../fixtures/scenes')
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'))
const pastVersions = Array.from({ length: SCENE_FORMAT_VERSION - 1 }, (_, i) => i + 1)

describe('scene format migrations', () => {
  it.each(pastVersions)('formatVersion %i has fixtures, and each migrates to the current version', (v) => {
    const dir = path.join(fixtures, `v${v}`)
    const packages = fs.readdirSync(dir)
    expect(packages.length).toBeGreaterThan(0)
    for (const name of packages) {
      const json = readJson(path.join(dir, name, 'scene.json')) as { formatVersion: number }
      expect(json.formatVersion).toBe(v)
      const r = loadScene(json)
      if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.issues)}`)
      expect(r.from).toBe(v)
    }
  })

  it('turns the v1 lecture hall into exactly the lecture hall shipped today', () => {
    const old = loadScene(readJson(path.join(fixtures, 'v1/lecture-hall/scene.json')))
    const now = loadScene(readJson(path.resolve(import.meta.dirname, '../../scenes/lecture-hall/scene.json')))
    expect(old.ok && now.ok).toBe(true)
    if (old.ok && now.ok) expect(old.scene).toEqual(now.scene)
  })

  it('converts v1 primitive sizes into named dimensions', () => {
    const r = migrateScene({
      formatVersion: 1,
      primitives: [
        { shape: 'cylinder', size: [0.2, 1, 0.4] },
        { shape: 'cylinder', size: [0.3, 2, 0.3] },
        { shape: 'sphere', size: [0.5, 0.5, 0.5] },
        { shape: 'plane', size: [2, 1, 1] },
        { shape: 'box', size: [1, 2, 3] },
      ],
    })
    expect(r.ok && r.value).toEqual({
      formatVersion: 2,
      primitives: [
        { shape: 'cylinder', radius: 0.4, height: 1, radiusTop: 0.2 },
        { shape: 'cylinder', radius: 0.3, height: 2 },
        { shape: 'sphere', radius: 0.5 },
        { shape: 'plane', size: [2, 1] },
        { shape: 'box', size: [1, 2, 3] },
      ],
    })
  })

  it('leaves a current file as it is', () => {
    const json = readJson(path.resolve(import.meta.dirname, '../../scenes/lecture-hall/scene.json'))
    const r = migrateScene(json)
    expect(r.ok && r.value).toEqual(json)
  })
})
