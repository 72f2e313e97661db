/**
 * Received poses, per participant, and where each one is drawn now: samples are placed on this
 * browser's clock through the sender's own timestamps (so network jitter does not make avatars
 * stutter) and played back INTERP_DELAY_MS behind, interpolated between the two samples around
 * that moment. Written by the data handler, read in useFrame; nothing here allocates per frame.
 */
import type { Pose } from '#common/protocol/pose-codec.ts'

/** How far behind the newest sample avatars are drawn: enough to hold one lost packet at 15 Hz. */
export const INTERP_DELAY_MS = 100
/** The same for a headset wearer whose hands are sent, at 7.5 Hz (pose-sender): a gap plus jitter. */
export const HANDS_INTERP_DELAY_MS = 170
/** A participant whose last pose is older than this is placed by presence again (seat, spot). */
export const POSE_STALE_MS = 3000
const SAMPLES = 8

type Vec3 = [number, number, number]

/** Where a participant is drawn (output of `sampleAt`); `left`/`right` only mean something with `hands`. */
export interface DrawnPose extends Omit<Pose, 't' | 'hands'> {
  hands: boolean
  left: Vec3
  right: Vec3
}

/** A DrawnPose to write into (one per caller, made once). */
export const drawnPose = (): DrawnPose => ({
  x: 0,
  y: 0,
  z: 0,
  yaw: 0,
  pitch: 0,
  seated: false,
  hands: false,
  left: [0, 0, 0],
  right: [0, 0, 0],
})

interface Sample extends DrawnPose {
  /** The sender's clock, unwrapped (ms); placed on ours through the track's offset when drawn. */
  at: number
}

interface Track {
  samples: Sample[]
  /** Next slot to write (ring). */
  next: number
  count: number
  /** Local time minus the sender's unwrapped clock, the smallest seen (least delayed packet). */
  offset: number
  /** The sender's clock, unwrapped past 65536. */
  lastT: number
  unwrapped: number
  receivedAt: number
}

const tracks = new Map<string, Track>()

const angleLerp = (a: number, b: number, k: number) => {
  let d = b - a
  d -= 2 * Math.PI * Math.round(d / (2 * Math.PI))
  return a + d * k
}

/** Adds a received pose (`now`: local ms, performance.now()). */
export function pushPose(identity: string, pose: Pose, now: number): void {
  let tr = tracks.get(identity)
  if (!tr) {
    tr = {
      samples: Array.from({ length: SAMPLES }, () => ({ at: 0, ...drawnPose() })),
      next: 0,
      count: 0,
      offset: now - pose.t,
      lastT: pose.t,
      unwrapped: pose.t,
      receivedAt: now,
    }
    tracks.set(identity, tr)
  } else {
    let d = pose.t - tr.lastT
    if (d < -32768) d += 65536
    if (d > 32768) d -= 65536
    // An older packet than the newest one (reordered): too late to matter.
    if (d <= 0) return
    tr.lastT = pose.t
    tr.unwrapped += d
    // The offset follows the fastest path, and drifts up slowly so a clock skew cannot stick.
    tr.offset = Math.min(tr.offset + (now - tr.receivedAt) * 0.001, now - tr.unwrapped)
    tr.receivedAt = now
  }
  const s = tr.samples[tr.next]!
  s.at = tr.unwrapped
  s.x = pose.x
  s.y = pose.y
  s.z = pose.z
  s.yaw = pose.yaw
  s.pitch = pose.pitch
  s.seated = pose.seated
  s.hands = pose.hands !== undefined
  if (pose.hands) {
    copy3(pose.hands.left, s.left)
    copy3(pose.hands.right, s.right)
  }
  tr.next = (tr.next + 1) % SAMPLES
  tr.count = Math.min(SAMPLES, tr.count + 1)
}

/**
 * Writes into `out` where `identity` is drawn at local time `now`; false when no fresh pose is
 * known (then presence places them).
 */
export function sampleAt(identity: string, now: number, out: DrawnPose): boolean {
  const tr = tracks.get(identity)
  if (!tr || tr.count === 0 || now - tr.receivedAt > POSE_STALE_MS) return false
  const newest = tr.samples[(tr.next - 1 + SAMPLES) % SAMPLES]!
  // The moment to draw, on the sender's clock.
  const when = now - (newest.hands ? HANDS_INTERP_DELAY_MS : INTERP_DELAY_MS) - tr.offset
  // Walk from the newest sample back to the first one at or before `when`.
  let newer: Sample | undefined
  for (let i = 1; i <= tr.count; i++) {
    const s = tr.samples[(tr.next - i + SAMPLES) % SAMPLES]!
    if (s.at <= when) {
      if (!newer) return copy(s, out)
      const k = (when - s.at) / Math.max(1, newer.at - s.at)
      out.x = s.x + (newer.x - s.x) * k
      out.y = s.y + (newer.y - s.y) * k
      out.z = s.z + (newer.z - s.z) * k
      out.yaw = angleLerp(s.yaw, newer.yaw, k)
      out.pitch = s.pitch + (newer.pitch - s.pitch) * k
      out.seated = k < 0.5 ? s.seated : newer.seated
      // Hands glide only between two samples that both have them; else the nearer one decides.
      if (s.hands && newer.hands) {
        out.hands = true
        lerp3(s.left, newer.left, k, out.left)
        lerp3(s.right, newer.right, k, out.right)
      } else copyHands(k < 0.5 ? s : newer, out)
      return true
    }
    newer = s
  }
  // Every sample is newer than `when` (just started): show the oldest.
  return copy(newer!, out)
}

function copy(s: Sample, out: DrawnPose): true {
  out.x = s.x
  out.y = s.y
  out.z = s.z
  out.yaw = s.yaw
  out.pitch = s.pitch
  out.seated = s.seated
  copyHands(s, out)
  return true
}

function copyHands(s: DrawnPose, out: DrawnPose): void {
  out.hands = s.hands
  if (!s.hands) return
  copy3(s.left, out.left)
  copy3(s.right, out.right)
}

function copy3(a: readonly number[], out: Vec3): void {
  out[0] = a[0]!
  out[1] = a[1]!
  out[2] = a[2]!
}

function lerp3(a: Vec3, b: Vec3, k: number, out: Vec3): void {
  out[0] = a[0] + (b[0] - a[0]) * k
  out[1] = a[1] + (b[1] - a[1]) * k
  out[2] = a[2] + (b[2] - a[2]) * k
}

/** Forgets someone (they left) or everyone (media stopped). */
export function forgetPoses(identity?: string): void {
  if (identity === undefined) tracks.clear()
  else tracks.delete(identity)
}
