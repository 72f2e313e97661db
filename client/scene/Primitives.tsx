import type { Primitive } from '#common/scene/schema.ts'
import { toRadians } from './transforms.ts'
import { ShapeGeometry } from './geometry.tsx'

export function Primitives({ primitives }: { primitives: Primitive[] }) {
  return (
    <group name="primitives">
      {primitives.map((p, i) => (
        <mesh key={i} position={p.position} rotation={toRadians(p.rotation)}>
          <ShapeGeometry shape={p} />
          <meshStandardMaterial color={p.color} />
        </mesh>
      ))}
    </group>
  )
}
