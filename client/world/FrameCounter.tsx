import { useFrame } from '@react-three/fiber'
import { debugHook } from '../app/debug-hook.ts'

/** Counts rendered frames for the debug hook (tests wait for the first frames). */
export function FrameCounter() {
  useFrame(() => {
    debugHook.frames++
  })
  return null
}
