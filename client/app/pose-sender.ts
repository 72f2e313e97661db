/**
 * Sends this participant's pose over LiveKit lossy data (topic `pose`, PROTOCOL.md "Pose
 * packets") at up to 15 Hz and only when it changed, plus once a second while still, so others
 * keep drawing them where they stopped instead of falling back to their seat. In a headset the
 * head's place and look and both hands come from the headset and controllers (state/xr-pose).
 */
import { encodePose, type Pose } from '#common/protocol/pose-codec.ts'
import { playerStore } from '../state/player-store.ts'
import { xrPose } from '../state/xr-pose.ts'

export const POSE_HZ = 15
const KEEPALIVE_MS = 1000
/**
 * Packets with hands (26 bytes) go out at most 7.5 times a second (every other tick): at 15 Hz a
 * headset wearer who keeps moving would need 3.1 kbit/s, over issue #5's 2 kbit/s per remote
 * participant. Receivers draw them further behind to interpolate over the longer gap
 * (pose-buffers, HANDS_INTERP_DELAY_MS). A little under 133 ms, for timer jitter.
 */
export const HANDS_MIN_INTERVAL_MS = 120
/** Smaller changes than these are not worth a packet (below the codec's resolution or unseen). */
const MOVE_M = 0.01
const TURN_RAD = 0.01

type Hands = NonNullable<Pose['hands']>
const pose: Pose = { t: 0, x: 0, y: 0, z: 0, yaw: 0, pitch: 0, seated: false }
const hands: Hands = { left: [0, 0, 0], right: [0, 0, 0] }

const moved = (a: readonly number[], b: readonly number[]) => a.some((v, i) => Math.abs(v - b[i]!) > MOVE_M)

/** Fills `pose` with where this participant is now (the headset's pose while in one). */
function readPose(): void {
  const p = playerStore.getState()
  const xr = xrPose.active
  pose.x = xr ? xrPose.x : p.x
  pose.y = p.y
  pose.z = xr ? xrPose.z : p.z
  pose.yaw = xr ? xrPose.yaw : p.yaw
  pose.pitch = xr ? xrPose.pitch : p.pitch
  pose.seated = p.seat !== undefined
  if (xr && xrPose.hands) {
    hands.left = xrPose.left
    hands.right = xrPose.right
    pose.hands = hands
  } else delete pose.hands
}

type Send = (bytes: Uint8Array<ArrayBuffer>) => boolean

/** The sender's decision, on a clock it is given (the bench drives it with simulated time). */
export function createPoseSender(send: Send): (now: number) => void {
  let last: Pose | undefined
  let lastAt = 0
  return (now) => {
    readPose()
    const changed =
      !last ||
      Math.abs(pose.x - last.x) > MOVE_M ||
      Math.abs(pose.y - last.y) > MOVE_M ||
      Math.abs(pose.z - last.z) > MOVE_M ||
      Math.abs(pose.yaw - last.yaw) > TURN_RAD ||
      Math.abs(pose.pitch - last.pitch) > TURN_RAD ||
      pose.seated !== last.seated ||
      !pose.hands !== !last.hands ||
      (pose.hands !== undefined &&
        (moved(pose.hands.left, last.hands!.left) || moved(pose.hands.right, last.hands!.right)))
    if (!changed && now - lastAt < KEEPALIVE_MS) return
    if (pose.hands && last?.hands && now - lastAt < HANDS_MIN_INTERVAL_MS) return
    pose.t = Math.round(now) % 65536
    const bytes = encodePose(pose)
    // Remember what was sent only once it went out (media may still be connecting).
    if (bytes && send(bytes)) {
      last = { ...pose }
      if (pose.hands) last.hands = { left: [...pose.hands.left], right: [...pose.hands.right] }
      lastAt = now
    }
  }
}

export function startPoseSender(send: Send): () => void {
  const tick = createPoseSender(send)
  const timer = setInterval(() => tick(performance.now()), 1000 / POSE_HZ)
  return () => clearInterval(timer)
}
