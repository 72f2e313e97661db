/**
 * Where to stand to look at what the teacher presents: far enough from a screen or board to see
 * all of it, straight in front of it, at standing eye height. Pure: scene in, pose out.
 */
import type { Focus } from '#common/collab/presenting.ts'
import type { Scene } from '#common/scene/schema.ts'

export interface Viewpoint {
  x: number
  y: number
  z: number
  yaw: number
  pitch: number
}

const EYE = 1.6
const HALF_FOV = (30 * Math.PI) / 180
const ASPECT = 1.6
const MARGIN = 1.15

function facing(
  position: readonly [number, number, number],
  rotationDeg: readonly number[],
  size: readonly [number, number],
  floorY: number,
): Viewpoint {
  const ry = ((rotationDeg[1] ?? 0) * Math.PI) / 180
  const [w, h] = size
  const d = Math.max(h / 2 / Math.tan(HALF_FOV), w / 2 / (Math.tan(HALF_FOV) * ASPECT)) * MARGIN
  // A surface faces its local +z; the camera looks down its own −z at yaw 0.
  const x = position[0] + Math.sin(ry) * d
  const z = position[2] + Math.cos(ry) * d
  return { x, y: floorY, z, yaw: ry, pitch: Math.atan2(position[1] - (floorY + EYE), d) }
}

/** The pose for a focus, or `undefined` when the scene has no such thing. */
export function viewpointFor(scene: Scene, focus: Focus): Viewpoint | undefined {
  switch (focus.kind) {
    case 'board': {
      const b = scene.boards.find((x) => x.id === focus.id)
      return b && facing(b.position, b.rotation, b.size, 0)
    }
    case 'stage': {
      const main = scene.screens.find((s) => s.role === 'main')
      return main && facing(main.position, main.rotation, main.size, 0)
    }
    case 'lab': {
      if (!scene.lab) return undefined
      const spawn = scene.spawnPoints.find((s) => !s.roles) ?? scene.spawnPoints[0]!
      return {
        x: spawn.position[0],
        y: spawn.position[1],
        z: spawn.position[2],
        yaw: (spawn.rotation[1] * Math.PI) / 180,
        pitch: -0.08,
      }
    }
  }
}
