import { useRef, type ReactNode } from 'react'
import { useFrame } from '@react-three/fiber'
import { XROrigin } from '@react-three/xr'
import type { Group } from 'three'
import { playerStore } from '../state/player-store.ts'

/**
 * The headset's floor origin stands where this participant stands (walking, a seat, a click on
 * the floor with the controller ray all move it), facing their way. Children ride along, like the
 * in-headset panel.
 */
export function FollowingOrigin({ children }: { children?: ReactNode }) {
  const ref = useRef<Group>(null)
  useFrame(() => {
    const o = ref.current
    if (!o) return
    const { x, y, z, yaw } = playerStore.getState()
    o.position.set(x, y, z)
    o.rotation.set(0, yaw, 0)
  })
  return <XROrigin ref={ref}>{children}</XROrigin>
}
