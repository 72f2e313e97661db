import { useMemo, useRef } from 'react'
import type { ThreeEvent } from '@react-three/fiber'
import { Plane, Vector3 } from 'three'

const _hit = new Vector3()
const UP = new Vector3(0, 1, 0)
/** Writes while dragging go out at most this often; the last position is always sent. */
const SEND_EVERY_MS = 80

/**
 * Pointer dragging on a horizontal plane through the grabbed point. `onMove` gets the world point
 * under the pointer, throttled for the network; `canDrag` is read when the drag starts.
 */
export function useDrag(canDrag: () => boolean, onMove: (p: Vector3) => void) {
  const state = useRef({ active: false, lastSent: 0, plane: new Plane(), pending: false })
  return useMemo(() => {
    const move = (e: ThreeEvent<PointerEvent>, force: boolean) => {
      const s = state.current
      if (!s.active || !e.ray.intersectPlane(s.plane, _hit)) return
      const now = performance.now()
      if (force || now - s.lastSent >= SEND_EVERY_MS) {
        s.lastSent = now
        onMove(_hit)
      }
    }
    return {
      onPointerDown(e: ThreeEvent<PointerEvent>) {
        if (!canDrag()) return
        e.stopPropagation()
        const s = state.current
        s.active = true
        s.plane.setFromNormalAndCoplanarPoint(UP, e.point)
        ;(e.target as unknown as Element).setPointerCapture(e.pointerId)
      },
      onPointerMove(e: ThreeEvent<PointerEvent>) {
        move(e, false)
      },
      onPointerUp(e: ThreeEvent<PointerEvent>) {
        move(e, true)
        state.current.active = false
        ;(e.target as unknown as Element).releasePointerCapture(e.pointerId)
      },
    }
  }, [canDrag, onMove])
}
