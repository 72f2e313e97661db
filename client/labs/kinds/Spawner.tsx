import { useCallback } from 'react'
import type { Vector3 } from 'three'
import type { LabObjectOf } from '#common/scene/lab-objects.ts'
import type { SpawnedItem } from '#common/collab/lab-doc.ts'
import { labStore, useLab } from '../../state/lab-store.ts'
import { renderedSlot } from '../lab-frame.ts'
import { ObjectFrame } from '../ObjectFrame.tsx'
import { Parts } from '../Parts.tsx'
import { useLabContext } from '../lab-context.ts'
import { useDrag } from '../use-drag.ts'
import { TextPlate } from './TextPlate.tsx'

/** Pressing the dispenser places a copy of the template; copies are dragged on the bench. */
export function Spawner({ object }: { object: LabObjectOf<'spawner'> }) {
  const { actions } = useLabContext()
  const spawned = useLab((s) => s.snapshot.spawned)
  const mine = Object.entries(spawned).filter(([, item]) => item.spawner === object.id)
  const press = () => {
    if (!labStore.getState().canWrite) return
    const at = renderedSlot(object.id).position
    const o = object.spawnOffset
    actions.spawn(object.id, [at[0]! + o[0], at[1]! + o[1], at[2]! + o[2]])
  }
  return (
    <>
      <ObjectFrame object={object}>
        {object.parts ? (
          <Parts parts={object.parts} onClick={press} />
        ) : (
          <mesh position={[0, 0.03, 0]} onClick={press}>
            <boxGeometry args={[0.08, 0.06, 0.08]} />
            <meshStandardMaterial color="#6b4f8a" />
          </mesh>
        )}
        <TextPlate text={object.label} position={[0, 0.012, 0.07]} width={0.22} />
      </ObjectFrame>
      {mine.map(([id, item]) => (
        <SpawnedCopy key={id} id={id} item={item} object={object} />
      ))}
    </>
  )
}

function SpawnedCopy({ id, item, object }: { id: string; item: SpawnedItem; object: LabObjectOf<'spawner'> }) {
  const { actions } = useLabContext()
  const canDrag = useCallback(() => labStore.getState().canWrite, [])
  const onMove = useCallback(
    (hit: Vector3) => actions.place(id, [hit.x, item.position[1], hit.z]),
    [actions, id, item.position],
  )
  const handlers = useDrag(canDrag, onMove)
  return (
    <group position={item.position} name={`lab:${id}`} {...handlers}>
      <Parts parts={object.template} />
    </group>
  )
}
