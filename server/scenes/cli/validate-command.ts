import path from 'node:path'
import { validatePackage } from '../package/validate-package.ts'
import { formatIssue } from '../package/package-issue.ts'
import { SCENE_FORMAT_VERSION } from '#common/scene/schema.ts'
import type { CliIo } from './main.ts'

/** `validate <dir> [--json]`: 0 valid, 1 invalid, 2 usage. */
export async function runValidate(args: string[], io: CliIo): Promise<number> {
  const json = args.includes('--json')
  const dirs = args.filter((a) => a !== '--json')
  if (dirs.length !== 1) {
    io.err('usage: npm run scene -- validate <dir> [--json]')
    return 2
  }
  const dir = path.resolve(dirs[0]!)
  const report = await validatePackage(dir, { expectId: path.basename(dir) })
  if (json) {
    io.out(JSON.stringify({ ok: report.ok, dir, id: report.scene?.id ?? null, issues: report.issues }, null, 2))
    return report.ok ? 0 : 1
  }
  if (report.ok) {
    const lab = report.scene.lab
    const what = lab
      ? `, ${lab.variables.length} variables, ${lab.objects.length} objects, ${lab.steps.length} steps`
      : ''
    const migrated =
      report.migratedFrom < SCENE_FORMAT_VERSION
        ? ` (written in formatVersion ${report.migratedFrom}; \`upgrade\` rewrites it)`
        : ''
    io.out(`✓ ${dirs[0]}: valid${what}${migrated}`)
    return 0
  }
  const n = report.issues.length
  io.err(`✗ ${dirs[0]}: ${n} problem${n === 1 ? '' : 's'}`)
  for (const issue of report.issues) io.err(`  ${formatIssue(issue)}`)
  return 1
}
