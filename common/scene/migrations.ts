/**
 * Ordered migrations of scene.json. Each entry upgrades a document from `from` to `from + 1`.
 * Version 1 is the first format, so the list is empty; a breaking change adds one entry here and
 * a fixture of the old version under test/fixtures/scenes.
 */
import type { FieldIssue } from '../errors.ts'
import { SCENE_FORMAT_VERSION } from './schema.ts'

interface Migration {
  from: number
  up(doc: Record<string, unknown>): Record<string, unknown>
}

const migrations: readonly Migration[] = []

export type MigrationResult = { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] }

export function migrateScene(json: unknown): MigrationResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, issues: [{ path: '(root)', message: 'must be a JSON object' }] }
  }
  let doc = json as Record<string, unknown>
  const version = doc.formatVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, issues: [{ path: 'formatVersion', message: 'must be an integer of at least 1' }] }
  }
  if (version > SCENE_FORMAT_VERSION) {
    return {
      ok: false,
      issues: [
        {
          path: 'formatVersion',
          message: `is ${version}, newer than this Atrium understands (${SCENE_FORMAT_VERSION}); update Atrium`,
        },
      ],
    }
  }
  for (const m of migrations) {
    if ((doc.formatVersion as number) === m.from) doc = { ...m.up(doc), formatVersion: m.from + 1 }
  }
  return { ok: true, value: doc }
}
