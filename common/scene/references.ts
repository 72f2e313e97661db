import type { FieldIssue } from '../errors.ts'
import type { Scene } from './schema.ts'

/** Checks what the schema alone cannot: ids unique across screens, boards, seats and spawn points. */
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
  return issues
}
