/**
 * unknown JSON → migrate to the current formatVersion → validate → Scene.
 * The server (catalog, uploads), the client and the authoring CLI all load scenes through here.
 */
import type { FieldIssue } from '../errors.ts'
import { migrateScene } from './migrations.ts'
import { sceneSchema, type Scene } from './schema.ts'
import { checkSceneReferences } from './references.ts'
import { describeZodIssue } from './issue-text.ts'

/** `from` is the formatVersion the file was written in (older ones were migrated). */
export type SceneLoadResult = { ok: true; scene: Scene; from: number } | { ok: false; issues: FieldIssue[] }

export { formatPath } from './issue-text.ts'

/** Migrates, validates and checks a parsed scene.json; never throws. */
export function loadScene(json: unknown): SceneLoadResult {
  const migrated = migrateScene(json)
  if (!migrated.ok) return migrated
  const parsed = sceneSchema.safeParse(migrated.value)
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.flatMap((i) => describeZodIssue(i, migrated.value)),
    }
  }
  const refIssues = checkSceneReferences(parsed.data)
  if (refIssues.length > 0) return { ok: false, issues: refIssues }
  return { ok: true, scene: parsed.data, from: migrated.from }
}
