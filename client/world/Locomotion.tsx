import { useEffect, useMemo } from 'react'
import { useFrame } from '@react-three/fiber'
import type { PerspectiveCamera } from 'three'
import type { Scene } from '#common/scene/schema.ts'
import { playerStore } from '../state/player-store.ts'
import { attachKeyboard, isHeld } from './controls/keyboard.ts'
import { attachPointerLook, FOV_DEFAULT, type ZoomTarget } from './controls/pointer-look.ts'
import { attachDeviceLook } from './controls/device-look.ts'
import { useStore } from 'zustand'
import { settingsStore } from '../state/settings-store.ts'

const WALK_SPEED = 1.6
const TURN_SPEED = 1.6
const ARRIVE = 0.05
const MARGIN = 0.4
/** Eye height standing and seated, metres above the feet. */
export const EYE_STANDING = 1.6
export const EYE_SEATED = 1.15

/**
 * Moves this participant: keys (WASD/arrows walk, Left/Right and Q/E turn, PageUp/PageDown look),
 * drag to look, pinch or ctrl+wheel to zoom, a click on the floor to walk there. Runs in the frame
 * loop; the camera follows the player store.
 */
export function Locomotion({ scene, surface }: { scene: Scene; surface: HTMLElement | null }) {
  const [w, d] = scene.environment.floor.size
  const zoom = useMemo<ZoomTarget>(() => ({ fov: FOV_DEFAULT }), [])

  useEffect(() => {
    if (!surface) return
    const detachKeys = attachKeyboard(surface)
    const detachLook = attachPointerLook(surface, zoom)
    return () => {
      detachKeys()
      detachLook()
    }
  }, [surface, zoom])

  const turnToLook = useStore(settingsStore, (s) => s.turnToLook)
  useEffect(() => (turnToLook ? attachDeviceLook() : undefined), [turnToLook])

  useFrame((state, delta) => {
    const camera = state.camera as PerspectiveCamera
    const dt = Math.min(delta, 0.1)
    const p = playerStore.getState()
    let { x, z, yaw, pitch, target, seat } = p
    const turn = (isHeld('ArrowLeft') || isHeld('KeyQ') ? 1 : 0) - (isHeld('ArrowRight') || isHeld('KeyE') ? 1 : 0)
    yaw += turn * TURN_SPEED * dt
    pitch += ((isHeld('PageUp') ? 1 : 0) - (isHeld('PageDown') ? 1 : 0)) * TURN_SPEED * dt * 0.5
    const forward = (isHeld('KeyW') || isHeld('ArrowUp') ? 1 : 0) - (isHeld('KeyS') || isHeld('ArrowDown') ? 1 : 0)
    const strafe = (isHeld('KeyD') ? 1 : 0) - (isHeld('KeyA') ? 1 : 0)
    if (forward || strafe) {
      target = undefined
      seat = undefined
      const sin = Math.sin(yaw)
      const cos = Math.cos(yaw)
      // The camera looks down −Z at yaw 0.
      x += (-sin * forward + cos * strafe) * WALK_SPEED * dt
      z += (-cos * forward - sin * strafe) * WALK_SPEED * dt
    } else if (target) {
      const dx = target.x - x
      const dz = target.z - z
      const dist = Math.hypot(dx, dz)
      if (dist < ARRIVE) target = undefined
      else {
        const step = Math.min(dist, WALK_SPEED * dt)
        x += (dx / dist) * step
        z += (dz / dist) * step
      }
    }
    x = Math.max(-w / 2 + MARGIN, Math.min(w / 2 - MARGIN, x))
    z = Math.max(-d / 2 + MARGIN, Math.min(d / 2 - MARGIN, z))
    pitch = Math.max(-1.2, Math.min(1.2, pitch))
    if (x !== p.x || z !== p.z || yaw !== p.yaw || pitch !== p.pitch || target !== p.target || seat !== p.seat) {
      playerStore.setState({ x, z, yaw, pitch, target, seat })
    }
    camera.position.set(x, p.y + (seat ? EYE_SEATED : EYE_STANDING), z)
    camera.rotation.set(pitch, yaw, 0, 'YXZ')
    if (Math.abs(camera.fov - zoom.fov) > 0.01) {
      camera.fov += (zoom.fov - camera.fov) * Math.min(1, dt * 8)
      camera.updateProjectionMatrix()
    }
  }, -10)

  return null
}
