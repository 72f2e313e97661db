import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadScene } from '#common/scene/load.ts'

const scenesDir = path.resolve(import.meta.dirname, '../../scenes')
const packages = fs
  .readdirSync(scenesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)

describe('every scene package in scenes/', () => {
  it('there is at least the default lecture hall', () => {
    expect(packages).toContain('lecture-hall')
  })
  it.each(packages)('%s loads, is named after its folder and has a README', (name) => {
    const json: unknown = JSON.parse(fs.readFileSync(path.join(scenesDir, name, 'scene.json'), 'utf8'))
    const r = loadScene(json)
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'))
    expect(r.scene.id).toBe(name)
    expect(fs.existsSync(path.join(scenesDir, name, 'README.md'))).toBe(true)
  })
})
