/**
 * Everyone else in the room as a simple, friendly figure: a coloured body and head (instanced
 * meshes for any number of people), hands where a headset wearer holds their controllers, and a
 * name label with role and raised hand. Placement is computed in the frame loop: live poses when
 * they arrive, else their seat or a standing spot.
 */
import { useLayoutEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { useTranslation } from 'react-i18next'
import { Color, Euler, Matrix4, Quaternion, Vector3, type InstancedMesh, type Sprite } from 'three'
import type { Scene } from '#common/scene/schema.ts'
import { useSession } from '../state/use-session.ts'
import { AvatarLabel } from './AvatarLabel.tsx'
import { colorFor, ROLE_ACCENT } from './colors.ts'
import { restingPlace, type Place } from './placement.ts'
import { renderedAvatars } from './avatar-registry.ts'
import { drawnPose, sampleAt } from '../state/pose-buffers.ts'
import { audioLevels, mediaStore } from '../state/media-store.ts'

export const MAX_AVATARS = 96
const SHOWN_ROLES = new Set(['teacher', 'assistant', 'learner', 'onsite'])

const _m = new Matrix4()
const _q = new Quaternion()
const _p = new Vector3()
const _s = new Vector3(1, 1, 1)
const _up = new Vector3(0, 1, 0)
const _c = new Color()
const HIDDEN = new Matrix4().makeScale(0, 0, 0)
const _rest: Place = { x: 0, z: 0, yaw: 0, seated: false }
const _pose = drawnPose()
const _look = new Euler(0, 0, 0, 'YXZ')
const _ringQ = new Quaternion().setFromAxisAngle(new Vector3(1, 0, 0), Math.PI / 2)
/** Below this the ring is hidden (silence and room noise). */
const RING_MIN = 0.02

export function Avatars({ scene, me }: { scene: Scene; me: string }) {
  const { t } = useTranslation()
  const everyone = useSession((s) => s.participants)
  const people = useMemo(
    () => everyone.filter((p) => p.identity !== me && SHOWN_ROLES.has(p.role)).slice(0, MAX_AVATARS),
    [everyone, me],
  )
  const bodies = useRef<InstancedMesh>(null)
  const heads = useRef<InstancedMesh>(null)
  const labels = useRef(new Map<string, Sprite>())
  const smoothed = useRef(new Map<string, Place>())
  const rings = useRef<InstancedMesh>(null)
  const mutes = useRef<InstancedMesh>(null)
  /** Only the hands drawn, packed from instance 0 (left, right, left, …). */
  const hands = useRef<InstancedMesh>(null)
  /** The ring follows the voice quickly up and fades slowly, so it does not flicker between words. */
  const ringLevels = useRef(new Map<string, number>())

  useLayoutEffect(() => {
    people.forEach((p, i) => {
      _c.set(colorFor(p.identity))
      bodies.current?.setColorAt(i, _c)
      heads.current?.setColorAt(i, _c.set('#f2d3b1'))
    })
    for (const mesh of [bodies.current, heads.current]) {
      if (mesh?.instanceColor) mesh.instanceColor.needsUpdate = true
    }
    for (const id of [...renderedAvatars.keys()]) if (!people.some((p) => p.identity === id)) renderedAvatars.delete(id)
  }, [people])

  // useFrame always runs the latest closure, so `people` is current here.
  useFrame((_, delta) => {
    const list = people
    const k = Math.min(1, delta * 6)
    const now = performance.now()
    const remotes = mediaStore.getState().remotes
    let standing = 0
    let handCount = 0
    for (let i = 0; i < MAX_AVATARS; i++) {
      const p = list[i]
      if (!p) {
        bodies.current?.setMatrixAt(i, HIDDEN)
        heads.current?.setMatrixAt(i, HIDDEN)
        rings.current?.setMatrixAt(i, HIDDEN)
        mutes.current?.setMatrixAt(i, HIDDEN)
        continue
      }
      const rest = restingPlace(_rest, scene, p.seat, p.seat ? 0 : standing++)
      let s = smoothed.current.get(p.identity)
      if (!s) {
        s = { ...rest }
        smoothed.current.set(p.identity, s)
      }
      // Live poses are already interpolated (drawn 100 ms behind); presence places glide there.
      const live = sampleAt(p.identity, now, _pose)
      const withHands = live && _pose.hands
      let feetY = 0
      let pitch = 0
      if (live) {
        pitch = _pose.pitch
        s.x = _pose.x
        s.z = _pose.z
        s.yaw = _pose.yaw
        s.seated = _pose.seated
        feetY = _pose.y
      } else {
        s.x += (rest.x - s.x) * k
        s.z += (rest.z - s.z) * k
        s.yaw += (rest.yaw - s.yaw) * k
        s.seated = rest.seated
      }
      const bodyY = feetY + (s.seated ? 0.55 : 0.75)
      const headY = feetY + (s.seated ? 1.15 : 1.55)
      _q.setFromEuler(_look.set(pitch, s.yaw, 0))
      heads.current?.setMatrixAt(i, _m.compose(_p.set(s.x, headY, s.z), _q, _s))
      _q.setFromAxisAngle(_up, s.yaw)
      bodies.current?.setMatrixAt(i, _m.compose(_p.set(s.x, bodyY, s.z), _q, _s))
      if (withHands) {
        hands.current?.setMatrixAt(handCount++, _m.compose(_p.fromArray(_pose.left), _q, _s))
        hands.current?.setMatrixAt(handCount++, _m.compose(_p.fromArray(_pose.right), _q, _s))
      }
      // Speaking ring around the head, sized by the voice's level.
      const heard = audioLevels.get(p.identity) ?? 0
      const was = ringLevels.current.get(p.identity) ?? 0
      const ring = heard > was ? heard : Math.max(0, was - delta * 0.8)
      ringLevels.current.set(p.identity, ring)
      if (ring > RING_MIN) {
        const r = 1 + Math.min(1, ring) * 0.8
        rings.current?.setMatrixAt(i, _m.compose(_p.set(s.x, headY - 0.05, s.z), _ringQ, _s.set(r, r, r)))
        _s.set(1, 1, 1)
      } else rings.current?.setMatrixAt(i, HIDDEN)
      const media = remotes[p.identity]
      const muted = media !== undefined && !media.mic
      mutes.current?.setMatrixAt(i, muted ? _m.compose(_p.set(s.x + 0.24, headY + 0.12, s.z), _q, _s) : HIDDEN)
      const label = labels.current.get(p.identity)
      label?.position.set(s.x, headY + 0.38, s.z)
      let placed = renderedAvatars.get(p.identity)
      if (!placed) {
        placed = {
          identity: p.identity,
          name: p.name,
          x: 0,
          y: 0,
          z: 0,
          seated: false,
          live: false,
          ring: 0,
          muted: false,
          yaw: 0,
          pitch: 0,
          hands: false,
          left: [0, 0, 0],
          right: [0, 0, 0],
        }
        renderedAvatars.set(p.identity, placed)
      }
      placed.x = s.x
      placed.y = headY
      placed.z = s.z
      placed.seated = s.seated
      placed.live = live
      placed.ring = ring > RING_MIN ? Math.min(1, ring) : 0
      placed.muted = muted
      placed.yaw = s.yaw
      placed.pitch = pitch
      placed.hands = withHands
      if (withHands) {
        placed.left[0] = _pose.left[0]
        placed.left[1] = _pose.left[1]
        placed.left[2] = _pose.left[2]
        placed.right[0] = _pose.right[0]
        placed.right[1] = _pose.right[1]
        placed.right[2] = _pose.right[2]
      }
    }
    for (const mesh of [bodies.current, heads.current, rings.current, mutes.current]) {
      if (!mesh) continue
      // Draw only the instances in use: hidden ones would still cost triangles.
      mesh.count = Math.min(list.length, MAX_AVATARS)
      mesh.instanceMatrix.needsUpdate = true
    }
    if (hands.current) {
      // Without headset wearers there is nothing to draw, not even one call.
      hands.current.count = handCount
      hands.current.visible = handCount > 0
      hands.current.instanceMatrix.needsUpdate = true
    }
  })

  return (
    <group name="avatars">
      <instancedMesh ref={bodies} args={[undefined, undefined, MAX_AVATARS]} frustumCulled={false}>
        <capsuleGeometry args={[0.24, 0.55, 4, 12]} />
        <meshStandardMaterial roughness={0.8} />
      </instancedMesh>
      <instancedMesh ref={heads} args={[undefined, undefined, MAX_AVATARS]} frustumCulled={false}>
        <sphereGeometry args={[0.17, 20, 14]} />
        <meshStandardMaterial roughness={0.7} />
      </instancedMesh>
      <instancedMesh ref={rings} args={[undefined, undefined, MAX_AVATARS]} frustumCulled={false}>
        <torusGeometry args={[0.24, 0.025, 8, 32]} />
        <meshBasicMaterial color="#3fd17a" toneMapped={false} />
      </instancedMesh>
      {/* Microphone off: a small red disc beside the head (the people list says it in words). */}
      <instancedMesh ref={mutes} args={[undefined, undefined, MAX_AVATARS]} frustumCulled={false}>
        <sphereGeometry args={[0.05, 10, 8]} />
        <meshBasicMaterial color="#d64545" toneMapped={false} />
      </instancedMesh>
      <instancedMesh ref={hands} args={[undefined, undefined, 2 * MAX_AVATARS]} frustumCulled={false}>
        <sphereGeometry args={[0.06, 12, 10]} />
        <meshStandardMaterial color="#f2d3b1" roughness={0.7} />
      </instancedMesh>
      {people.map((p) => (
        <AvatarLabel
          key={p.identity}
          spec={{
            name: p.name,
            detail: t(`roles.${p.role}`),
            accent: ROLE_ACCENT[p.role] ?? colorFor(p.identity),
            handRaised: p.handRaisedAt !== undefined,
          }}
          spriteRef={(s) => {
            if (s) labels.current.set(p.identity, s)
            else labels.current.delete(p.identity)
          }}
        />
      ))}
    </group>
  )
}
