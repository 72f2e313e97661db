import type { JSX } from 'react'
import type { LabObject, LabObjectKind, LabObjectOf } from '#common/scene/lab-objects.ts'
import { Body } from './kinds/Body.tsx'
import { Grabbable } from './kinds/Grabbable.tsx'
import { Button } from './kinds/Button.tsx'
import { Toggle } from './kinds/Toggle.tsx'
import { Slider } from './kinds/Slider.tsx'
import { Dial } from './kinds/Dial.tsx'
import { Readout } from './kinds/Readout.tsx'
import { Timer } from './kinds/Timer.tsx'
import { Probe } from './kinds/Probe.tsx'
import { Spawner } from './kinds/Spawner.tsx'
import { Label } from './kinds/Label.tsx'

type Renderer<K extends LabObjectKind> = (props: { object: LabObjectOf<K> }) => JSX.Element | null

/** One renderer per lab object kind: a kind added to the format without one fails to compile. */
export const labRenderers = {
  body: Body,
  grabbable: Grabbable,
  button: Button,
  toggle: Toggle,
  slider: Slider,
  dial: Dial,
  readout: Readout,
  timer: Timer,
  probe: Probe,
  spawner: Spawner,
  label: Label,
} satisfies { [K in LabObjectKind]: Renderer<K> }

export function LabObjectView({ object }: { object: LabObject }) {
  const Render = labRenderers[object.kind] as Renderer<LabObject['kind']>
  return <Render object={object as never} />
}
