import { Canvas } from '@react-three/fiber'
import type { Role } from '#common/roles.ts'
import type { Scene } from '#common/scene/schema.ts'
import { SceneView } from '../scene/SceneView.tsx'
import { LabView } from '../labs/LabView.tsx'
import type { LabActions } from '../labs/lab-actions.ts'
import { CameraRig } from './CameraRig.tsx'
import { FrameCounter } from './FrameCounter.tsx'
import { spawnFor } from './spawn.ts'

interface Props {
  scene: Scene
  role: Role
  label: string
  /** What lab objects do when used; absent when the session has no lab. */
  labActions?: LabActions
}

/** The 3D view: one canvas with the scene's room, the camera at the role's spawn point. */
export default function World({ scene, role, label, labActions }: Props) {
  return (
    <Canvas
      className="world-canvas"
      aria-label={label}
      role="img"
      dpr={[1, 2]}
      camera={{ fov: 60, near: 0.05, far: 200 }}
      gl={{ antialias: true, powerPreference: 'high-performance' }}
    >
      <SceneView scene={scene} />
      {scene.lab && labActions && <LabView sceneId={scene.id} lab={scene.lab} actions={labActions} />}
      <CameraRig spawn={spawnFor(scene, role)} />
      <FrameCounter />
    </Canvas>
  )
}
