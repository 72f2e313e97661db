/** The authoring CLI in-process: exit codes, the human and --json outputs, scaffolding, upgrading. */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../../server/scenes/cli/main.ts'
import { validatePackage } from '../../../../server/scenes/package/validate-package.ts'

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures/scenes')
const temps: string[] = []
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-cli-'))
  temps.push(d)
  return d
}

async function run(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) })
  return { code, out, err }
}

describe('npm run scene', () => {
  it('validate: exit 0 and a summary for a valid package', async () => {
    const r = await run('validate', path.join(fixtures, 'valid/tiny-lab'))
    expect(r.code).toBe(0)
    expect(r.out).toEqual([`✓ ${path.join(fixtures, 'valid/tiny-lab')}: valid, 2 variables, 6 objects, 1 steps`])
  })

  it('validate: exit 1 and one line per problem naming file, path and what to do', async () => {
    const dir = path.join(fixtures, 'broken/expr-unknown-variable')
    const r = await run('validate', dir)
    expect(r.code).toBe(1)
    expect(r.err).toEqual([
      `✗ ${dir}: 1 problem`,
      '  scene.json: lab.derived[0].value: expression "2 * pi * sqrt(lenght / 9.81)": unknown variable "lenght"; did you mean "length"? (column 15)',
    ])
  })

  it('validate --json: machine-readable issues, same exit code', async () => {
    const r = await run('validate', path.join(fixtures, 'broken/missing-asset'), '--json')
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out.join('\n'))).toMatchObject({
      ok: false,
      id: 'missing-asset',
      issues: [{ file: 'scene.json', path: 'lab.objects[0].parts[1].model' }],
    })
  })

  it('says how to use it when the arguments are wrong', async () => {
    expect((await run()).code).toBe(2)
    expect((await run('validate')).err).toEqual(['usage: npm run scene -- validate <dir> [--json]'])
    expect((await run('frobnicate')).err[0]).toMatch(/^unknown command "frobnicate"\nusage: npm run scene -- <command>/)
  })

  it('new: scaffolds a package that validates, and refuses a bad id or an existing folder', async () => {
    const parent = tempDir()
    expect((await run('new', 'my-school.free-fall', '--in', parent)).code).toBe(0)
    const report = await validatePackage(path.join(parent, 'my-school.free-fall'), { expectId: 'my-school.free-fall' })
    expect(report.issues).toEqual([])
    expect((await run('new', 'my-school.free-fall', '--in', parent)).code).toBe(1)
    const bad = await run('new', 'Bad Id', '--in', parent)
    expect(bad.code).toBe(2)
    expect(bad.err[0]).toMatch(/^"Bad Id" cannot be a scene id: it must be lower-case letters and digits/)
  })

  it('upgrade: rewrites a formatVersion 1 package in the current version', async () => {
    const dir = path.join(tempDir(), 'lecture-hall')
    fs.cpSync(path.join(fixtures, 'v1/lecture-hall'), dir, { recursive: true })
    const r = await run('upgrade', dir)
    expect(r.out[0]).toMatch(/upgraded from formatVersion 1 to 2$/)
    const report = await validatePackage(dir, { expectId: 'lecture-hall' })
    expect(report.ok && report.migratedFrom).toBe(2)
  })

  it('as a process, exits with code 1 on errors (what CI scripts check)', () => {
    const root = path.resolve(import.meta.dirname, '../../../..')
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/scenes/cli/main.ts', 'validate', path.join(fixtures, 'broken/bad-colour')],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
      },
    )
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('scene.json: environment.floor.color: must be a colour like "#33aa77"')
  })
})
