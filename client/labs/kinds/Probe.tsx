import { useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import type { Group } from 'three'
import type { LabObjectOf } from '#common/scene/lab-objects.ts'
import { ObjectFrame } from '../ObjectFrame.tsx'
import { Parts } from '../Parts.tsx'
import { useLabContext } from '../lab-context.ts'
import { Display } from './Display.tsx'

const SWEEP = (100 * Math.PI) / 180

/** An analogue meter: a needle over the scale from min to max, and the value in digits below. */
export function Probe({ object }: { object: LabObjectOf<'probe'> }) {
  const { runtime } = useLabContext()
  const value = useMemo(() => runtime.compile(object.value, 'number'), [runtime, object.value])
  const needle = useRef<Group>(null)
  useFrame(() => {
    if (!needle.current) return
    const v = value(runtime.slots)
    const k = Number.isFinite(v) ? Math.min(1, Math.max(0, (v - object.min) / (object.max - object.min))) : 0
    needle.current.rotation.z = SWEEP / 2 - k * SWEEP
  })
  return (
    <ObjectFrame object={object}>
      {object.parts && <Parts parts={object.parts} />}
      <mesh position={[0, 0.02, -0.012]}>
        <boxGeometry args={[0.26, 0.26, 0.02]} />
        <meshStandardMaterial color="#2b2f36" />
      </mesh>
      <mesh position={[0, 0.06, 0]}>
        <circleGeometry args={[0.11, 32, Math.PI / 2 - SWEEP / 2 - 0.05, SWEEP + 0.1]} />
        <meshStandardMaterial color="#f4f1ea" />
      </mesh>
      <group ref={needle} position={[0, -0.02, 0.002]}>
        <mesh position={[0, 0.065, 0]}>
          <boxGeometry args={[0.004, 0.13, 0.002]} />
          <meshStandardMaterial color="#c23b2f" />
        </mesh>
      </group>
      <group position={[0, -0.06, 0.001]}>
        <Display
          label={object.label}
          read={() => value(runtime.slots)}
          decimals={object.decimals}
          unit={object.unit}
          size={[0.24, 0.09]}
        />
      </group>
    </ObjectFrame>
  )
}
