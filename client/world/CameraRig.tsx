import { useLayoutEffect } from 'react'
import type { SpawnPoint } from '#common/scene/schema.ts'
import { playerStore } from '../state/player-store.ts'

/** Puts this participant at the spawn point, facing the spawn direction (Locomotion moves the camera). */
export function CameraRig({ spawn }: { spawn: SpawnPoint }) {
  useLayoutEffect(() => {
    const [x, y, z] = spawn.position
    playerStore.setState({
      x,
      y,
      z,
      yaw: (spawn.rotation[1] * Math.PI) / 180,
      pitch: -0.08,
      seat: undefined,
      target: undefined,
    })
  }, [spawn])
  return null
}
