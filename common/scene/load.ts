/**
 * unknown JSON → migrate to the current formatVersion → validate → Scene.
 * The server (catalog, uploads), the client and the authoring CLI all load scenes through here.
 */
import type { FieldIssue } from '../errors.ts'
import { migrateScene } from './migrations.ts'
import { sceneSchema, type Scene } from './schema.ts'
import { checkSceneReferences } from './references.ts'

export type SceneLoadResult = { ok: true; scene: Scene } | { ok: false; issues: FieldIssue[] }

/** Formats a zod/JSON path the way authors read it: `seats[3].position`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`
    else out += out ? `.${String(p)}` : String(p)
  }
  return out || '(root)'
}

export function loadScene(json: unknown): SceneLoadResult {
  const migrated = migrateScene(json)
  if (!migrated.ok) return migrated
  const parsed = sceneSchema.safeParse(migrated.value)
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    }
  }
  const refIssues = checkSceneReferences(parsed.data)
  if (refIssues.length > 0) return { ok: false, issues: refIssues }
  return { ok: true, scene: parsed.data }
}
