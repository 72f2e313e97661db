/**
 * Everyone else in the room as a simple, friendly figure: a coloured body and head (two instanced
 * meshes for any number of people) and a name label with role and raised hand. Placement is
 * computed in the frame loop: live poses when they arrive, else their seat or a standing spot.
 */
import { useLayoutEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { useTranslation } from 'react-i18next'
import { Color, Matrix4, Quaternion, Vector3, type InstancedMesh, type Sprite } from 'three'
import type { Scene } from '#common/scene/schema.ts'
import { useSession } from '../state/use-session.ts'
import { AvatarLabel } from './AvatarLabel.tsx'
import { colorFor, ROLE_ACCENT } from './colors.ts'
import { restingPlace, type Place } from './placement.ts'
import { renderedAvatars } from './avatar-registry.ts'

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
    let standing = 0
    for (let i = 0; i < MAX_AVATARS; i++) {
      const p = list[i]
      if (!p) {
        bodies.current?.setMatrixAt(i, HIDDEN)
        heads.current?.setMatrixAt(i, HIDDEN)
        continue
      }
      const rest = restingPlace(_rest, scene, p.seat, p.seat ? 0 : standing++)
      let s = smoothed.current.get(p.identity)
      if (!s) {
        s = { ...rest }
        smoothed.current.set(p.identity, s)
      }
      s.x += (rest.x - s.x) * k
      s.z += (rest.z - s.z) * k
      s.yaw += (rest.yaw - s.yaw) * k
      s.seated = rest.seated
      const bodyY = s.seated ? 0.55 : 0.75
      const headY = s.seated ? 1.15 : 1.55
      _q.setFromAxisAngle(_up, s.yaw)
      bodies.current?.setMatrixAt(i, _m.compose(_p.set(s.x, bodyY, s.z), _q, _s))
      heads.current?.setMatrixAt(i, _m.compose(_p.set(s.x, headY, s.z), _q, _s))
      const label = labels.current.get(p.identity)
      label?.position.set(s.x, headY + 0.38, s.z)
      let placed = renderedAvatars.get(p.identity)
      if (!placed) {
        placed = { identity: p.identity, name: p.name, x: 0, y: 0, z: 0, seated: false }
        renderedAvatars.set(p.identity, placed)
      }
      placed.x = s.x
      placed.y = headY
      placed.z = s.z
      placed.seated = s.seated
    }
    for (const mesh of [bodies.current, heads.current]) {
      if (!mesh) continue
      // Draw only the instances in use: hidden ones would still cost triangles.
      mesh.count = Math.min(list.length, MAX_AVATARS)
      mesh.instanceMatrix.needsUpdate = true
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
