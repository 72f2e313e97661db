import type { Scene } from '#common/scene/schema.ts'

export interface Place {
  x: number
  z: number
  yaw: number
  seated: boolean
}

/**
 * Where a participant without live poses is (into `out`, so the frame loop allocates nothing):
 * their seat, else a standing spot in rows along the back of the room, facing the stage.
 */
export function restingPlace(out: Place, scene: Scene, seat: string | undefined, index: number): Place {
  if (seat) {
    for (const s of scene.seats) {
      if (s.id !== seat) continue
      out.x = s.position[0]
      out.z = s.position[2]
      out.yaw = (s.rotation[1] * Math.PI) / 180
      out.seated = true
      return out
    }
  }
  const [w, d] = scene.environment.floor.size
  const perRow = Math.max(1, Math.floor((w - 2) / 1.2))
  const col = index % perRow
  const row = Math.floor(index / perRow)
  out.x = -((perRow - 1) * 1.2) / 2 + col * 1.2
  out.z = d / 2 - 1.2 - row * 1.0
  out.yaw = 0
  out.seated = false
  return out
}
