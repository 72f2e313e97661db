import { useLayoutEffect, useRef } from 'react'
import { Color, Euler, Matrix4, Quaternion, Vector3, type InstancedMesh } from 'three'
import type { ThreeEvent } from '@react-three/fiber'
import type { Seat } from '#common/scene/schema.ts'
import { toRadians } from './transforms.ts'

const _m = new Matrix4()
const _q = new Quaternion()
const _e = new Euler()
const _p = new Vector3()
const _s = new Vector3(1, 1, 1)
const _offset = new Vector3()

interface Props {
  seats: Seat[]
  /** Seats someone else sits on: drawn taken, not clickable. */
  occupied?: ReadonlySet<string>
  /** Sit down here (a click on a free seat). */
  onSit?(seatId: string): void
}

const FREE = new Color('#3f6f8f')
const TAKEN = new Color('#9aa3ad')

/** Every seat drawn as two instanced meshes (cushion and back): two draw calls for any number of seats. */
export function Seats({ seats, occupied, onSit }: Props) {
  const cushions = useRef<InstancedMesh>(null)
  const backs = useRef<InstancedMesh>(null)

  useLayoutEffect(() => {
    seats.forEach((seat, i) => {
      _e.set(...toRadians(seat.rotation))
      _q.setFromEuler(_e)
      _p.set(...seat.position).add(_offset.set(0, 0.45, 0))
      cushions.current?.setMatrixAt(i, _m.compose(_p, _q, _s))
      // The back sits behind the occupant, who faces −Z in the seat's own frame.
      _p.set(...seat.position).add(_offset.set(0, 0.75, 0.22).applyQuaternion(_q))
      backs.current?.setMatrixAt(i, _m.compose(_p, _q, _s))
    })
    if (cushions.current) cushions.current.instanceMatrix.needsUpdate = true
    if (backs.current) backs.current.instanceMatrix.needsUpdate = true
  }, [seats])

  useLayoutEffect(() => {
    seats.forEach((seat, i) => {
      const c = occupied?.has(seat.id) ? TAKEN : FREE
      cushions.current?.setColorAt(i, c)
      backs.current?.setColorAt(i, c)
    })
    for (const m of [cushions.current, backs.current]) if (m?.instanceColor) m.instanceColor.needsUpdate = true
  }, [seats, occupied])

  const click = (e: ThreeEvent<MouseEvent>) => {
    const seat = e.instanceId === undefined ? undefined : seats[e.instanceId]
    if (!seat || !onSit || occupied?.has(seat.id)) return
    e.stopPropagation()
    onSit(seat.id)
  }

  if (seats.length === 0) return null
  return (
    <group name="seats">
      <instancedMesh ref={cushions} args={[undefined, undefined, seats.length]} onClick={click}>
        <boxGeometry args={[0.5, 0.08, 0.48]} />
        <meshStandardMaterial />
      </instancedMesh>
      <instancedMesh ref={backs} args={[undefined, undefined, seats.length]} onClick={click}>
        <boxGeometry args={[0.5, 0.55, 0.06]} />
        <meshStandardMaterial />
      </instancedMesh>
    </group>
  )
}
