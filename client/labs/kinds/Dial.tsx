import { useCallback, useRef } from 'react'
import { useFrame, type ThreeEvent } from '@react-three/fiber'
import type { Group } from 'three'
import type { LabObjectOf } from '#common/scene/lab-objects.ts'
import { labStore } from '../../state/lab-store.ts'
import { ObjectFrame } from '../ObjectFrame.tsx'
import { useLabContext } from '../lab-context.ts'
import { TextPlate } from './TextPlate.tsx'

const DEG = Math.PI / 180
/** Pixels of horizontal pointer travel for the whole range. */
const PIXELS_FOR_RANGE = 300

/** A rotary knob; dragging sideways turns it across the variable's range. */
export function Dial({ object }: { object: LabObjectOf<'dial'> }) {
  const { runtime, actions, lab } = useLabContext()
  const v = lab.variables.find((x) => x.id === object.variable)
  const slot = runtime.scope.slotOf.get(object.variable)!
  const min = v?.type === 'number' ? v.min : 0
  const max = v?.type === 'number' ? v.max : 1
  const knob = useRef<Group>(null)
  const drag = useRef<{ x: number; value: number; last: number } | null>(null)
  useFrame(() => {
    if (!knob.current) return
    const k = (runtime.slots[slot]! - min) / (max - min)
    knob.current.rotation.y = -(k - 0.5) * object.sweep * DEG
  })
  const onPointerDown = useCallback(
    (e: ThreeEvent<PointerEvent>) => {
      if (!labStore.getState().canWrite) return
      e.stopPropagation()
      drag.current = { x: e.nativeEvent.clientX, value: runtime.slots[slot]!, last: 0 }
      ;(e.target as unknown as Element).setPointerCapture(e.pointerId)
    },
    [runtime, slot],
  )
  const onPointerMove = useCallback(
    (e: ThreeEvent<PointerEvent>, force = false) => {
      const d = drag.current
      const now = performance.now()
      if (!d || (!force && now - d.last < 80)) return
      d.last = now
      const value = d.value + ((e.nativeEvent.clientX - d.x) / PIXELS_FOR_RANGE) * (max - min)
      actions.setVariable(object.variable, value, object.onChange)
    },
    [actions, max, min, object],
  )
  return (
    <ObjectFrame object={object}>
      <group
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={(e) => {
          onPointerMove(e, true)
          drag.current = null
        }}
      >
        <mesh position={[0, 0.005, 0]}>
          <cylinderGeometry args={[0.05, 0.05, 0.01, 32]} />
          <meshStandardMaterial color="#d8d4ca" />
        </mesh>
        <group ref={knob} position={[0, 0.02, 0]}>
          <mesh>
            <cylinderGeometry args={[0.03, 0.033, 0.03, 24]} />
            <meshStandardMaterial color="#2f3440" />
          </mesh>
          <mesh position={[0, 0.016, -0.02]}>
            <boxGeometry args={[0.006, 0.004, 0.022]} />
            <meshStandardMaterial color="#f0a202" />
          </mesh>
        </group>
      </group>
      <TextPlate text={object.label} position={[0, 0.011, 0.075]} width={0.18} />
    </ObjectFrame>
  )
}
