import type { LabObjectOf } from '#common/scene/lab-objects.ts'
import { ObjectFrame } from '../ObjectFrame.tsx'
import { Parts } from '../Parts.tsx'

export function Body({ object }: { object: LabObjectOf<'body'> }) {
  return (
    <ObjectFrame object={object}>
      <Parts parts={object.parts} />
    </ObjectFrame>
  )
}
