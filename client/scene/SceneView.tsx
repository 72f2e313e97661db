import type { Scene } from '#common/scene/schema.ts'
import { Room } from './Room.tsx'
import { Lights } from './Lights.tsx'
import { Primitives } from './Primitives.tsx'
import { Surfaces } from './Surfaces.tsx'
import { Seats } from './Seats.tsx'

/** The room of a validated scene package: environment, lights, stage, surfaces, seats, decor. */
export function SceneView({ scene }: { scene: Scene }) {
  return (
    <group name={`scene:${scene.id}`}>
      <color attach="background" args={[scene.environment.background]} />
      <Lights lights={scene.lights} />
      <Room environment={scene.environment} />
      {scene.stage && (
        <mesh position={scene.stage.position} name="stage">
          <boxGeometry args={scene.stage.size} />
          <meshStandardMaterial color={scene.stage.color} />
        </mesh>
      )}
      <Surfaces scene={scene} />
      <Seats seats={scene.seats} />
      <Primitives primitives={scene.primitives} />
    </group>
  )
}
