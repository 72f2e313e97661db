import type { FieldIssue } from '../errors.ts'
import type { Scene } from './schema.ts'
import { checkLab } from './lab-check.ts'

/**
 * Checks what the schema alone cannot: ids unique across screens, boards, seats and spawn points,
 * one main screen, a lab section where `kind` is `lab`, and the lab's own rules (lab-check.ts).
 */
export function checkSceneReferences(scene: Scene): FieldIssue[] {
  const issues: FieldIssue[] = []
  const seen = new Map<string, string>()
  const lists = [
    ['screens', scene.screens],
    ['boards', scene.boards],
    ['seats', scene.seats],
    ['spawnPoints', scene.spawnPoints],
  ] as const
  for (const [key, list] of lists) {
    list.forEach((item, i) => {
      const path = `${key}[${i}].id`
      const first = seen.get(item.id)
      if (first) issues.push({ path, message: `duplicates the id "${item.id}" already used at ${first}` })
      else seen.set(item.id, path)
    })
  }
  if (scene.screens.filter((s) => s.role === 'main').length > 1) {
    issues.push({ path: 'screens', message: 'has more than one screen with role "main"' })
  }
  if (scene.kind === 'lab' && !scene.lab) {
    issues.push({ path: 'lab', message: 'is required when kind is "lab": add variables, objects and steps' })
  }
  if (scene.lab) issues.push(...checkLab(scene.lab))
  return issues
}

/** An asset file a scene names, with the JSON path that names it. */
export interface AssetReference {
  file: string
  path: string
}

/** Every package file the scene refers to (models), for the package validator and uploads. */
export function sceneAssets(scene: Scene): AssetReference[] {
  const out: AssetReference[] = []
  if (scene.environment.model) out.push({ file: scene.environment.model, path: 'environment.model' })
  scene.lab?.objects.forEach((o, i) => {
    const lists = [['parts', o.parts] as const, ...(o.kind === 'spawner' ? [['template', o.template] as const] : [])]
    for (const [key, parts] of lists) {
      parts?.forEach((p, j) => {
        if (p.shape === 'model') out.push({ file: p.model, path: `lab.objects[${i}].${key}[${j}].model` })
      })
    }
  })
  return out
}
