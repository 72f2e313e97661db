import type { JSX } from 'react'
import type { Primitive } from '#common/scene/schema.ts'
import { toRadians } from './transforms.ts'

/** One geometry per shape; `satisfies` makes a new shape without geometry a compile error. */
const geometries = {
  box: (s) => <boxGeometry args={s} />,
  cylinder: (s) => <cylinderGeometry args={[s[0], s[2], s[1], 24]} />,
  sphere: (s) => <sphereGeometry args={[s[0], 24, 16]} />,
  plane: (s) => <planeGeometry args={[s[0], s[1]]} />,
} satisfies Record<Primitive['shape'], (size: Primitive['size']) => JSX.Element>

export function Primitives({ primitives }: { primitives: Primitive[] }) {
  return (
    <group name="primitives">
      {primitives.map((p, i) => (
        <mesh key={i} position={p.position} rotation={toRadians(p.rotation)}>
          {geometries[p.shape](p.size)}
          <meshStandardMaterial color={p.color} />
        </mesh>
      ))}
    </group>
  )
}
