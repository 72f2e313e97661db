import { useMemo } from 'react'
import type { LabObjectOf } from '#common/scene/lab-objects.ts'
import { ObjectFrame } from '../ObjectFrame.tsx'
import { Parts } from '../Parts.tsx'
import { useLabContext } from '../lab-context.ts'
import { Display } from './Display.tsx'

export function Readout({ object }: { object: LabObjectOf<'readout'> }) {
  const { runtime } = useLabContext()
  const value = useMemo(() => runtime.compile(object.value, 'number'), [runtime, object.value])
  return (
    <ObjectFrame object={object}>
      {object.parts && <Parts parts={object.parts} />}
      <Display
        label={object.label}
        read={() => value(runtime.slots)}
        decimals={object.decimals}
        unit={object.unit}
        size={object.size}
      />
    </ObjectFrame>
  )
}
