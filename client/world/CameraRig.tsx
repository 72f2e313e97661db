import { useLayoutEffect } from 'react'
import { useThree } from '@react-three/fiber'
import type { SpawnPoint } from '#common/scene/schema.ts'

/** Eye height of a standing adult, metres. */
export const EYE_HEIGHT = 1.6
const LOOK_DOWN = -0.08

/** Puts the camera at the spawn point, at eye height, facing the spawn direction. */
export function CameraRig({ spawn }: { spawn: SpawnPoint }) {
  const camera = useThree((s) => s.camera)
  useLayoutEffect(() => {
    const [x, y, z] = spawn.position
    camera.position.set(x, y + EYE_HEIGHT, z)
    camera.rotation.set(LOOK_DOWN, (spawn.rotation[1] * Math.PI) / 180, 0, 'YXZ')
  }, [camera, spawn])
  return null
}
