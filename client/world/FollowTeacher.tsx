import { useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import type { Scene } from '#common/scene/schema.ts'
import type { Focus } from '#common/collab/presenting.ts'
import { controlStore } from '../state/control-store.ts'
import { playerStore } from '../state/player-store.ts'
import { settingsStore } from '../state/settings-store.ts'
import { viewpointFor, type Viewpoint } from './viewpoints.ts'

/** After looking around this long without moving, the view drifts back to what the teacher shows. */
const SNAP_BACK_MS = 4000
/** How fast the view glides (per second; about a second to arrive). */
const GLIDE = 3.5
const CLOSE = 0.01

const angle = (a: number) => Math.atan2(Math.sin(a), Math.cos(a))

/**
 * "Follow me": when the teacher shows the stage, a board or the lab, this participant's view
 * glides there. Looking or walking around is allowed; after a few quiet seconds the view returns.
 * Off for moderators, for anyone who unticks "Follow the teacher" and while seated by choice.
 */
export function FollowTeacher({ scene, enabled }: { scene: Scene; enabled: boolean }) {
  const state = useRef<{ focusAt: number; goal?: Viewpoint; gliding: boolean; last: string; quietSince: number }>({
    focusAt: 0,
    gliding: false,
    last: '',
    quietSince: 0,
  })

  useFrame((_, dt) => {
    const s = state.current
    const focus: Focus | undefined = controlStore.getState().presenting.focus
    if (!enabled || !focus || !settingsStore.getState().followTeacher) return
    const now = performance.now()
    if (focus.at !== s.focusAt) {
      s.focusAt = focus.at
      s.goal = viewpointFor(scene, focus)
      s.gliding = !!s.goal
    }
    const goal = s.goal
    if (!goal) return
    const p = playerStore.getState()
    const key = `${p.x.toFixed(3)},${p.z.toFixed(3)},${p.yaw.toFixed(3)},${p.pitch.toFixed(3)}`
    if (!s.gliding) {
      // The learner moved away: wait until they have been still for a while, then glide back.
      if (key !== s.last) {
        s.last = key
        s.quietSince = now
        return
      }
      const away = Math.abs(p.x - goal.x) + Math.abs(p.z - goal.z) + Math.abs(angle(p.yaw - goal.yaw)) > CLOSE * 3
      if (away && now - s.quietSince > SNAP_BACK_MS) s.gliding = true
      return
    }
    const k = 1 - Math.exp(-GLIDE * Math.min(dt, 0.25))
    const next = {
      x: p.x + (goal.x - p.x) * k,
      y: goal.y,
      z: p.z + (goal.z - p.z) * k,
      yaw: p.yaw + angle(goal.yaw - p.yaw) * k,
      pitch: p.pitch + (goal.pitch - p.pitch) * k,
    }
    const done =
      Math.abs(goal.x - next.x) < CLOSE &&
      Math.abs(goal.z - next.z) < CLOSE &&
      Math.abs(angle(goal.yaw - next.yaw)) < CLOSE &&
      Math.abs(goal.pitch - next.pitch) < CLOSE
    playerStore.setState(
      done ? { ...goal, seat: undefined, target: undefined } : { ...next, seat: undefined, target: undefined },
    )
    if (done) {
      s.gliding = false
      const q = playerStore.getState()
      s.last = `${q.x.toFixed(3)},${q.z.toFixed(3)},${q.yaw.toFixed(3)},${q.pitch.toFixed(3)}`
      s.quietSince = now
    }
  })
  return null
}
