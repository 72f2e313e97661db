import { useEffect } from 'react'
import { useXR } from '@react-three/xr'
import { sceneDebug } from './scene-debug.ts'
import type { Scene } from '#common/scene/schema.ts'
import { Room } from './Room.tsx'
import { Lights } from './Lights.tsx'
import { Primitives } from './Primitives.tsx'
import { Surfaces } from './Surfaces.tsx'
import { Seats } from './Seats.tsx'

export interface SceneInteraction {
  onFloor(x: number, z: number): void
  onSit(seatId: string): void
  occupied: ReadonlySet<string>
}

/** The room of a validated scene package: environment, lights, stage, surfaces, seats, decor. */
export function SceneView({ scene, interact }: { scene: Scene; interact?: SceneInteraction }) {
  // In AR passthrough the physical room is the room: only screens, boards (and lab objects, drawn
  // elsewhere) are placed in it.
  const passthrough = useXR((s) => s.mode === 'immersive-ar')
  useEffect(() => {
    sceneDebug.roomShown = !passthrough
  }, [passthrough])
  if (passthrough) {
    return (
      <group name={`scene:${scene.id}`}>
        <Lights lights={scene.lights} />
        <Surfaces scene={scene} />
      </group>
    )
  }
  return (
    <group name={`scene:${scene.id}`}>
      <color attach="background" args={[scene.environment.background]} />
      <Lights lights={scene.lights} />
      <Room environment={scene.environment} onFloor={interact?.onFloor} />
      {scene.stage && (
        <mesh position={scene.stage.position} name="stage">
          <boxGeometry args={scene.stage.size} />
          <meshStandardMaterial color={scene.stage.color} />
        </mesh>
      )}
      <Surfaces scene={scene} />
      <Seats seats={scene.seats} occupied={interact?.occupied} onSit={interact?.onSit} />
      <Primitives primitives={scene.primitives} />
    </group>
  )
}
