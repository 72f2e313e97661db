/**
 * Sends this participant's pose over LiveKit lossy data (topic `pose`, PROTOCOL.md "Pose
 * packets") at up to 15 Hz and only when it changed, plus once a second while still, so others
 * keep drawing them where they stopped instead of falling back to their seat.
 */
import { encodePose, type Pose } from '#common/protocol/pose-codec.ts'
import { playerStore } from '../state/player-store.ts'

export const POSE_HZ = 15
const KEEPALIVE_MS = 1000
/** Smaller changes than these are not worth a packet (below the codec's resolution or unseen). */
const MOVE_M = 0.01
const TURN_RAD = 0.01

const pose: Pose = { t: 0, x: 0, y: 0, z: 0, yaw: 0, pitch: 0, seated: false }

type Send = (bytes: Uint8Array<ArrayBuffer>) => boolean

/** The sender's decision, on a clock it is given (the bench drives it with simulated time). */
export function createPoseSender(send: Send): (now: number) => void {
  let last: Pose | undefined
  let lastAt = 0
  return (now) => {
    const p = playerStore.getState()
    const seated = p.seat !== undefined
    const changed =
      !last ||
      Math.abs(p.x - last.x) > MOVE_M ||
      Math.abs(p.y - last.y) > MOVE_M ||
      Math.abs(p.z - last.z) > MOVE_M ||
      Math.abs(p.yaw - last.yaw) > TURN_RAD ||
      Math.abs(p.pitch - last.pitch) > TURN_RAD ||
      seated !== last.seated
    if (!changed && now - lastAt < KEEPALIVE_MS) return
    pose.t = Math.round(now) % 65536
    pose.x = p.x
    pose.y = p.y
    pose.z = p.z
    pose.yaw = p.yaw
    pose.pitch = p.pitch
    pose.seated = seated
    const bytes = encodePose(pose)
    // Remember what was sent only once it went out (media may still be connecting).
    if (bytes && send(bytes)) {
      last = { ...pose }
      lastAt = now
    }
  }
}

export function startPoseSender(send: Send): () => void {
  const tick = createPoseSender(send)
  const timer = setInterval(() => tick(performance.now()), 1000 / POSE_HZ)
  return () => clearInterval(timer)
}
