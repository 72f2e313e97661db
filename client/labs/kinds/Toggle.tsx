import { useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import type { Group } from 'three'
import type { LabObjectOf } from '#common/scene/lab-objects.ts'
import { labStore } from '../../state/lab-store.ts'
import { ObjectFrame } from '../ObjectFrame.tsx'
import { Parts } from '../Parts.tsx'
import { useLabContext } from '../lab-context.ts'
import { TextPlate } from './TextPlate.tsx'

/** A lever switch: tilted one way when off, the other when on. */
export function Toggle({ object }: { object: LabObjectOf<'toggle'> }) {
  const { runtime, actions } = useLabContext()
  const slot = runtime.scope.slotOf.get(object.variable)!
  const lever = useRef<Group>(null)
  useFrame(() => {
    if (lever.current) lever.current.rotation.x = runtime.slots[slot] ? -0.5 : 0.5
  })
  const flip = () => {
    if (labStore.getState().canWrite) actions.setVariable(object.variable, runtime.slots[slot] === 0)
  }
  return (
    <ObjectFrame object={object}>
      {object.parts ? (
        <Parts parts={object.parts} onClick={flip} />
      ) : (
        <group onClick={flip}>
          <mesh position={[0, 0.01, 0]}>
            <boxGeometry args={[0.08, 0.02, 0.1]} />
            <meshStandardMaterial color="#3b4048" />
          </mesh>
          <group ref={lever} position={[0, 0.02, 0]}>
            <mesh position={[0, 0.035, 0]}>
              <cylinderGeometry args={[0.008, 0.008, 0.07, 12]} />
              <meshStandardMaterial color="#d9d9d9" />
            </mesh>
            <mesh position={[0, 0.07, 0]}>
              <sphereGeometry args={[0.016, 16, 12]} />
              <meshStandardMaterial color="#c23b2f" />
            </mesh>
          </group>
        </group>
      )}
      <TextPlate text={object.label} position={[0, 0.012, 0.08]} width={0.18} />
    </ObjectFrame>
  )
}
