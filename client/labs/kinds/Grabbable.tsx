import { useCallback, useMemo } from 'react'
import type { Vector3 } from 'three'
import type { LabObjectOf } from '#common/scene/lab-objects.ts'
import { labStore } from '../../state/lab-store.ts'
import { ObjectFrame } from '../ObjectFrame.tsx'
import { Parts } from '../Parts.tsx'
import { useLabContext } from '../lab-context.ts'
import { useDrag } from '../use-drag.ts'

const AXIS = { x: 0, y: 1, z: 2 } as const

/** Bound to a variable: slides along its axis. Free: moves on the table, position in the lab document. */
export function Grabbable({ object }: { object: LabObjectOf<'grabbable'> }) {
  const { runtime, actions } = useLabContext()
  const drag = object.drag
  const slot = drag ? runtime.scope.slotOf.get(drag.variable) : undefined
  const adjust = useMemo(() => {
    if (drag && slot !== undefined) {
      const axis = AXIS[drag.axis]
      return (p: Float64Array) => {
        p[axis] = drag.offset + drag.scale * runtime.slots[slot]!
      }
    }
    return (p: Float64Array) => {
      const placed = labStore.getState().snapshot.positions[object.id]
      if (placed) p.set(placed)
    }
  }, [drag, slot, runtime, object.id])
  const canDrag = useCallback(() => labStore.getState().canWrite, [])
  const onMove = useCallback(
    (hit: Vector3) => {
      if (drag) actions.setVariable(drag.variable, (hit.getComponent(AXIS[drag.axis]) - drag.offset) / drag.scale)
      else actions.place(object.id, [hit.x, hit.y, hit.z])
    },
    [actions, drag, object.id],
  )
  const handlers = useDrag(canDrag, onMove)
  return (
    <ObjectFrame object={object} adjust={adjust}>
      <group {...handlers}>
        <Parts parts={object.parts} />
      </group>
    </ObjectFrame>
  )
}
