import { useMemo, useRef, type ReactNode } from 'react'
import { useFrame } from '@react-three/fiber'
import type { Group } from 'three'
import type { LabObject } from '#common/scene/lab-objects.ts'
import { compileTransform, evalVec3 } from '#common/scene/lab-transforms.ts'
import { useLabContext } from './lab-context.ts'
import { renderedSlot } from './lab-frame.ts'

const DEG = Math.PI / 180

/**
 * Places an object every frame from its compiled transform. `adjust` lets a kind override the
 * computed position in place (a grabbable bound to a variable, a freely moved one).
 */
export function ObjectFrame({
  object,
  children,
  adjust,
}: {
  object: LabObject
  children: ReactNode
  adjust?: (position: Float64Array) => void
}) {
  const { runtime } = useLabContext()
  const compiled = useMemo(() => compileTransform(runtime, object), [runtime, object])
  const ref = useRef<Group>(null)
  useFrame(() => {
    const g = ref.current
    if (!g) return
    const s = runtime.slots
    // A Map lookup, not an allocation: the slot is created once per object id.
    const rendered = renderedSlot(object.id)
    const scale = rendered.scale
    evalVec3(compiled.position, s, rendered.position)
    adjust?.(rendered.position)
    evalVec3(compiled.rotation, s, rendered.rotation)
    evalVec3(compiled.scale, s, scale, 1)
    rendered.visible = compiled.visible(s) !== 0
    g.position.set(rendered.position[0]!, rendered.position[1]!, rendered.position[2]!)
    g.rotation.set(rendered.rotation[0]! * DEG, rendered.rotation[1]! * DEG, rendered.rotation[2]! * DEG)
    g.scale.set(scale[0]!, scale[1]!, scale[2]!)
    g.visible = rendered.visible
  })
  return (
    <group ref={ref} name={`lab:${object.id}`}>
      {children}
    </group>
  )
}
