import type { LabObjectOf } from '#common/scene/lab-objects.ts'
import type { Part } from '#common/scene/lab-parts.ts'
import { labStore } from '../../state/lab-store.ts'
import { ObjectFrame } from '../ObjectFrame.tsx'
import { Parts } from '../Parts.tsx'
import { useLabContext } from '../lab-context.ts'
import { TextPlate } from './TextPlate.tsx'

const DEFAULT_LOOK: Part[] = [
  {
    shape: 'box',
    size: [0.1, 0.02, 0.1],
    position: [0, 0, 0],
    rotation: [0, 0, 0],
    scale: [1, 1, 1],
    visible: true,
    color: '#3b4048',
    opacity: 1,
    glow: 0,
  },
  {
    shape: 'cylinder',
    radius: 0.035,
    height: 0.02,
    position: [0, 0.015, 0],
    rotation: [0, 0, 0],
    scale: [1, 1, 1],
    visible: true,
    color: '#c23b2f',
    opacity: 1,
    glow: 0,
  },
]

export function Button({ object }: { object: LabObjectOf<'button'> }) {
  const { actions } = useLabContext()
  const press = () => {
    if (labStore.getState().canWrite) actions.run(object.actions)
  }
  return (
    <ObjectFrame object={object}>
      <Parts parts={object.parts ?? DEFAULT_LOOK} onClick={press} />
      <TextPlate text={object.label} position={[0, 0.012, 0.075]} width={0.16} />
    </ObjectFrame>
  )
}
