import type { Role } from '#common/roles.ts'
import type { Scene, SpawnPoint } from '#common/scene/schema.ts'

/** The spawn point for a role: one naming the role, else one for everyone, else the first. */
export function spawnFor(scene: Scene, role: Role): SpawnPoint {
  return (
    scene.spawnPoints.find((s) => s.roles?.includes(role)) ??
    scene.spawnPoints.find((s) => !s.roles) ??
    scene.spawnPoints[0]!
  )
}
