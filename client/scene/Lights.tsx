import type { JSX } from 'react'
import type { Light } from '#common/scene/schema.ts'

type LightRenderer<K extends Light['type']> = (light: Extract<Light, { type: K }>) => JSX.Element

/** One renderer per light type; a new type without one fails to compile. */
const renderers: { [K in Light['type']]: LightRenderer<K> } = {
  ambient: (l) => <ambientLight color={l.color} intensity={l.intensity} />,
  hemisphere: (l) => <hemisphereLight args={[l.sky, l.ground, l.intensity]} />,
  directional: (l) => <directionalLight position={l.position} color={l.color} intensity={l.intensity} />,
  point: (l) => <pointLight position={l.position} color={l.color} intensity={l.intensity} distance={l.distance} />,
}

function renderLight<L extends Light>(light: L): JSX.Element {
  return (renderers[light.type] as LightRenderer<L['type']>)(light as never)
}

export function Lights({ lights }: { lights: Light[] }) {
  return (
    <>
      {lights.map((l, i) => (
        <group key={i}>{renderLight(l)}</group>
      ))}
    </>
  )
}
