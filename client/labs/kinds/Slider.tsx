import { useCallback, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { Vector3, type Group } from 'three'
import type { LabObjectOf } from '#common/scene/lab-objects.ts'
import { labStore } from '../../state/lab-store.ts'
import { ObjectFrame } from '../ObjectFrame.tsx'
import { useLabContext } from '../lab-context.ts'
import { useDrag } from '../use-drag.ts'
import { TextPlate } from './TextPlate.tsx'

const AXIS = { x: 0, y: 1, z: 2 } as const
const _local = new Vector3()

/** A knob on a track; the track's length spans the variable's range. */
export function Slider({ object }: { object: LabObjectOf<'slider'> }) {
  const { runtime, actions, lab } = useLabContext()
  const v = lab.variables.find((x) => x.id === object.variable)
  const slot = runtime.scope.slotOf.get(object.variable)!
  const min = v?.type === 'number' ? v.min : 0
  const max = v?.type === 'number' ? v.max : 1
  const axis = AXIS[object.axis]
  const knob = useRef<Group>(null)
  const track = useRef<Group>(null)
  useFrame(() => {
    if (!knob.current) return
    const k = (runtime.slots[slot]! - min) / (max - min)
    knob.current.position.setComponent(axis, (k - 0.5) * object.length)
  })
  const canDrag = useCallback(() => labStore.getState().canWrite, [])
  const onMove = useCallback(
    (hit: Vector3) => {
      if (!track.current) return
      _local.copy(hit)
      track.current.worldToLocal(_local)
      const k = _local.getComponent(axis) / object.length + 0.5
      actions.setVariable(object.variable, min + Math.min(1, Math.max(0, k)) * (max - min), object.onChange)
    },
    [actions, axis, max, min, object],
  )
  const handlers = useDrag(canDrag, onMove)
  const size: [number, number, number] = [0.02, 0.01, 0.02]
  size[axis] = object.length
  return (
    <ObjectFrame object={object}>
      <group ref={track}>
        <mesh position={[0, 0.005, 0]}>
          <boxGeometry args={size} />
          <meshStandardMaterial color="#4b5159" />
        </mesh>
        <group ref={knob} {...handlers}>
          <mesh position={[0, 0.02, 0]}>
            <boxGeometry args={[0.035, 0.03, 0.035]} />
            <meshStandardMaterial color="#1f5f8b" />
          </mesh>
        </group>
      </group>
      <TextPlate text={object.label} position={[0, 0.011, 0.045]} width={Math.max(0.18, object.length * 0.8)} />
    </ObjectFrame>
  )
}
