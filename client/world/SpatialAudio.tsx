/**
 * Moves every remote voice's PannerNode to the speaker's avatar head and the Web Audio listener to
 * the camera, each frame. The presenter (spotlight, else the teacher) is heard everywhere without
 * distance loss (still from their direction); the classroom PC's voice comes from the window
 * screen, or without distance loss where the scene has none.
 */
import { useEffect, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { Vector3 } from 'three'
import type { Scene } from '#common/scene/schema.ts'
import type { Role } from '#common/roles.ts'
import { voiceListener, voicePanners } from '../state/voice-panners.ts'
import { renderedAvatars } from '../avatars/avatar-registry.ts'
import { sessionStore } from '../state/session-store.ts'
import { controlStore } from '../state/control-store.ts'
import { presenterOf } from '../state/screen-feeds.ts'

const _forward = new Vector3()
const _up = new Vector3()
/** Distance loss of ordinary voices (PannerNode inverse model); 0 for those heard everywhere. */
const ROLLOFF = 1

export function SpatialAudio({ scene }: { scene: Scene }) {
  const presenter = useRef<string | undefined>(undefined)
  const rooms = useRef(new Set<string>())
  useEffect(() => {
    const update = () => {
      const roles = new Map<string, Role>(sessionStore.getState().participants.map((p) => [p.identity, p.role]))
      presenter.current = presenterOf(roles, controlStore.getState().presenting.spotlight?.identity)
      rooms.current = new Set([...roles].filter(([, r]) => r === 'room').map(([id]) => id))
    }
    update()
    const a = sessionStore.subscribe(update)
    const b = controlStore.subscribe(update)
    return () => {
      a()
      b()
    }
  }, [])
  const window = scene.screens.find((s) => s.role === 'window')

  useFrame(({ camera }) => {
    const listener = voiceListener.current
    if (!listener || voicePanners.size === 0) return
    const cp = camera.position
    _forward.set(0, 0, -1).applyQuaternion(camera.quaternion)
    _up.set(0, 1, 0).applyQuaternion(camera.quaternion)
    if (listener.positionX) {
      listener.positionX.value = cp.x
      listener.positionY.value = cp.y
      listener.positionZ.value = cp.z
      listener.forwardX.value = _forward.x
      listener.forwardY.value = _forward.y
      listener.forwardZ.value = _forward.z
      listener.upX.value = _up.x
      listener.upY.value = _up.y
      listener.upZ.value = _up.z
    }
    for (const [identity, panner] of voicePanners) {
      const a = renderedAvatars.get(identity)
      const room = rooms.current.has(identity)
      if (a) {
        panner.positionX.value = a.x
        panner.positionY.value = a.y
        panner.positionZ.value = a.z
      } else if (room && window) {
        panner.positionX.value = window.position[0]
        panner.positionY.value = window.position[1]
        panner.positionZ.value = window.position[2]
      } else {
        // Nowhere to place them (no avatar): at the listener, so they are heard plainly.
        panner.positionX.value = cp.x
        panner.positionY.value = cp.y
        panner.positionZ.value = cp.z
      }
      const everywhere = identity === presenter.current || room || !a
      const rolloff = everywhere ? 0 : ROLLOFF
      if (panner.rolloffFactor !== rolloff) panner.rolloffFactor = rolloff
    }
  })
  return null
}
