/** Every package in scenes/ passes the full package validator (the one `scene validate` runs). */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { validatePackage } from '../../server/scenes/package/validate-package.ts'
import { formatIssue } from '../../server/scenes/package/package-issue.ts'
import { SCENE_FORMAT_VERSION } from '#common/scene/schema.ts'

const scenesDir = path.resolve(import.meta.dirname, '../../scenes')
const packages = fs
  .readdirSync(scenesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)

describe('every scene package in scenes/', () => {
  it('there are the lecture hall and the three built-in labs', () => {
    expect(packages).toEqual(expect.arrayContaining(['lecture-hall', 'pendulum', 'optics-bench', 'dc-circuit']))
  })
  it.each(packages)('%s validates, is named after its folder, and is written in the current format', async (name) => {
    const report = await validatePackage(path.join(scenesDir, name), { expectId: name })
    if (!report.ok) throw new Error(report.issues.map(formatIssue).join('\n'))
    expect(report.scene.id).toBe(name)
    expect(report.migratedFrom).toBe(SCENE_FORMAT_VERSION)
  })
  it.each(packages.filter((n) => n !== 'lecture-hall'))(
    '%s is a lab with texts in English and Chinese',
    async (name) => {
      const report = await validatePackage(path.join(scenesDir, name), { expectId: name })
      if (!report.ok) return
      expect(report.scene.kind).toBe('lab')
      const lab = report.scene.lab!
      for (const text of [
        report.scene.title,
        ...lab.steps.flatMap((s) => [s.title, s.instructions]),
        ...lab.variables.map((v) => v.label),
      ]) {
        expect(Object.keys(text).sort()).toEqual(['en', 'zh-CN'])
      }
      expect(lab.steps.length).toBeGreaterThanOrEqual(3)
    },
  )
})
