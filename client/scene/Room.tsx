import type { Scene } from '#common/scene/schema.ts'
import { DoubleSide } from 'three'

/** Floor and the four walls around it. */
export function Room({
  environment,
  onFloor,
}: {
  environment: Scene['environment']
  /** A click on the floor at this point (metres). */
  onFloor?(x: number, z: number): void
}) {
  const [w, d] = environment.floor.size
  const walls = environment.walls
  return (
    <group>
      <mesh
        rotation={[-Math.PI / 2, 0, 0]}
        receiveShadow
        name="floor"
        onClick={
          onFloor
            ? (e) => {
                e.stopPropagation()
                onFloor(e.point.x, e.point.z)
              }
            : undefined
        }
      >
        <planeGeometry args={[w, d]} />
        <meshStandardMaterial color={environment.floor.color} />
      </mesh>
      {walls && (
        <group name="walls">
          {(
            [
              [0, -d / 2, 0, w],
              [0, d / 2, Math.PI, w],
              [-w / 2, 0, Math.PI / 2, d],
              [w / 2, 0, -Math.PI / 2, d],
            ] as const
          ).map(([x, z, ry, len], i) => (
            <mesh key={i} position={[x, walls.height / 2, z]} rotation={[0, ry, 0]}>
              <planeGeometry args={[len, walls.height]} />
              <meshStandardMaterial color={walls.color} side={DoubleSide} />
            </mesh>
          ))}
        </group>
      )}
    </group>
  )
}
