import { Canvas } from '@react-three/fiber'
import { XR } from '@react-three/xr'
import { xrStore } from '../xr/xr-store.ts'
import type { Role } from '#common/roles.ts'
import type { Scene } from '#common/scene/schema.ts'
import { SceneView } from '../scene/SceneView.tsx'
import { CameraRig } from './CameraRig.tsx'
import { FrameCounter } from './FrameCounter.tsx'
import { spawnFor } from './spawn.ts'

interface Props {
  scene: Scene
  role: Role
  label: string
}

/** The 3D view: one canvas with the scene's room, the camera at the role's spawn point. */
export default function World({ scene, role, label }: Props) {
  return (
    <Canvas
      className="world-canvas"
      aria-label={label}
      role="img"
      dpr={[1, 2]}
      camera={{ fov: 60, near: 0.05, far: 200 }}
      gl={{ antialias: true, powerPreference: 'high-performance' }}
    >
      <XR store={xrStore}>
        <SceneView scene={scene} />
        <CameraRig spawn={spawnFor(scene, role)} />
        <FrameCounter />
      </XR>
    </Canvas>
  )
}
