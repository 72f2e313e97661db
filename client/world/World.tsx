import { useEffect, useMemo, useState } from 'react'
import { Canvas } from '@react-three/fiber'
import { XR } from '@react-three/xr'
import { xrStore } from '../xr/xr-store.ts'
import type { Role } from '#common/roles.ts'
import type { Scene } from '#common/scene/schema.ts'
import { SceneView, type SceneInteraction } from '../scene/SceneView.tsx'
import { Avatars } from '../avatars/Avatars.tsx'
import { useSession } from '../state/use-session.ts'
import { playerStore, sitAtSeat } from '../state/player-store.ts'
import { LabView } from '../labs/LabView.tsx'
import type { LabActions } from '../labs/lab-actions.ts'
import { FollowingOrigin } from '../xr/FollowingOrigin.tsx'
import { XrPanel, type XrPanelActions } from '../xr/XrPanel.tsx'
import { XrPoseReader } from '../xr/XrPoseReader.tsx'
import { CameraRig } from './CameraRig.tsx'
import { FrameCounter } from './FrameCounter.tsx'
import { SpatialAudio } from './SpatialAudio.tsx'
import { FloatingReactions } from '../avatars/FloatingReactions.tsx'
import { Locomotion } from './Locomotion.tsx'
import { FollowTeacher } from './FollowTeacher.tsx'
import { StatsOverlay } from './StatsOverlay.tsx'
import { spawnFor } from './spawn.ts'

interface Props {
  scene: Scene
  role: Role
  me: string
  label: string
  /** This participant sat down on a seat, or stood up (`undefined`). */
  onSeat(seatId: string | undefined): void
  /** What lab objects do when used; absent when the session has no lab. */
  labActions?: LabActions
  /** What the in-headset panel does. */
  xr: XrPanelActions
}

const showStats = typeof location !== 'undefined' && new URLSearchParams(location.search).get('stats') === '1'

/** The 3D view: the scene's room, everyone else as avatars, and this participant walking and looking. */
export default function World({ scene, role, me, label, onSeat, labActions, xr }: Props) {
  const participants = useSession((s) => s.participants)
  const occupied = useMemo(
    () => new Set(participants.filter((p) => p.identity !== me && p.seat).map((p) => p.seat!)),
    [participants, me],
  )
  const interact: SceneInteraction = useMemo(
    () => ({
      occupied,
      onFloor: (x, z) => playerStore.setState({ target: { x, z }, seat: undefined }),
      onSit: (seatId) => {
        const seat = scene.seats.find((s) => s.id === seatId)
        if (seat) sitAtSeat(seat)
      },
    }),
    [occupied, scene],
  )

  // The focusable surface that takes keys and pointer drags (the canvas's wrapper).
  const [surface, setSurface] = useState<HTMLDivElement | null>(null)

  // Publish the seat (walking away from it stands up).
  useEffect(
    () =>
      playerStore.subscribe((s, prev) => {
        if (s.seat !== prev.seat) onSeat(s.seat)
      }),
    [onSeat],
  )

  return (
    <div ref={setSurface} className="world-canvas" tabIndex={0} role="application" aria-label={label}>
      <Canvas
        dpr={[1, 2]}
        camera={{ fov: 60, near: 0.05, far: 200 }}
        gl={{ antialias: true, powerPreference: 'high-performance' }}
      >
        <XR store={xrStore}>
          <SceneView scene={scene} interact={interact} />
          {scene.lab && labActions && <LabView sceneId={scene.id} lab={scene.lab} actions={labActions} />}
          <Avatars scene={scene} me={me} />
          <SpatialAudio scene={scene} />
          <FloatingReactions />
          <CameraRig spawn={spawnFor(scene, role)} />
          <Locomotion scene={scene} surface={surface} />
          {/* Remote learners follow what the teacher shows; people in the classroom see it for real. */}
          <FollowTeacher scene={scene} enabled={role === 'learner' || role === 'observer'} />
          <FollowingOrigin>
            <XrPanel {...xr} />
          </FollowingOrigin>
          <XrPoseReader />
          <FrameCounter />
          {showStats && <StatsOverlay />}
        </XR>
      </Canvas>
    </div>
  )
}
