import type { LabObjectOf } from '#common/scene/lab-objects.ts'
import { labStore } from '../../state/lab-store.ts'
import { ObjectFrame } from '../ObjectFrame.tsx'
import { Parts } from '../Parts.tsx'
import { useLabContext } from '../lab-context.ts'
import { Display } from './Display.tsx'

const SIZE = [0.22, 0.1] as const

/** A stopwatch or countdown face; pressing it starts or stops it for everyone. */
export function Timer({ object }: { object: LabObjectOf<'timer'> }) {
  const { runtime, actions } = useLabContext()
  const slot = runtime.scope.slotOf.get(object.id)!
  const toggle = () => {
    if (labStore.getState().canWrite) actions.timer(object.id, 'toggle')
  }
  return (
    <ObjectFrame object={object}>
      {object.parts ? (
        <Parts parts={object.parts} onClick={toggle} />
      ) : (
        <mesh position={[0, 0, -0.012]} onClick={toggle}>
          <boxGeometry args={[0.25, 0.13, 0.02]} />
          <meshStandardMaterial color="#e6e2d6" />
        </mesh>
      )}
      <Display
        label={object.label}
        read={() => runtime.slots[slot]!}
        decimals={object.decimals}
        unit="s"
        size={SIZE}
        onClick={toggle}
        colors={{ background: '#0f1a12', text: '#e8ffe8' }}
      />
    </ObjectFrame>
  )
}
