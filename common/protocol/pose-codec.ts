/**
 * Pose packets: where a participant stands and looks, sent over LiveKit lossy data (topic
 * `pose`) at up to 15 Hz, only when it changed. Binary, little-endian, quantized
 * (PROTOCOL.md "Pose packets"):
 *
 *   offset size  field
 *   0      1     version (POSE_VERSION = 1)
 *   1      1     flags: bit 0 seated, bit 1 hands present; other bits must be 0
 *   2      2     t: sender clock, ms modulo 65536 (uint16), for spacing samples on arrival
 *   4      6     feet position x, y, z: int16 centimetres (±327.67 m)
 *   10     2     yaw: int16, radians · 32768/π (heading around +Y, wrapped to [−π, π))
 *   12     2     pitch: int16, radians · 32768/π, within [−π/2, π/2]
 *   14     12    (hands present) left x, y, z then right x, y, z: int16 centimetres
 *
 * 14 bytes without hands, 26 with. A packet of any other length, version or flag is rejected.
 */

/** The pose packet format version (first byte). */
export const POSE_VERSION = 1
/** Bytes in a packet without hands. */
export const POSE_BYTES = 14
/** Bytes in a packet with both hands. */
export const POSE_BYTES_HANDS = 26

const SEATED = 1
const HANDS = 2
const ANGLE = 32768 / Math.PI
const INT16_MAX = 32767

/** One participant's pose (metres, radians). */
export interface Pose {
  /** Sender clock, ms modulo 65536. */
  t: number
  x: number
  y: number
  z: number
  yaw: number
  pitch: number
  seated: boolean
  /** Left and right hand positions, when tracked (headsets). */
  hands?: { left: [number, number, number]; right: [number, number, number] }
}

const clamp16 = (v: number) => Math.max(-INT16_MAX, Math.min(INT16_MAX, Math.round(v)))
const cm = (m: number) => clamp16(m * 100)
const wrap = (a: number) => a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI))

const finite = (p: Pose) =>
  [p.x, p.y, p.z, p.yaw, p.pitch, ...(p.hands ? [...p.hands.left, ...p.hands.right] : [])].every(Number.isFinite)

/** Encodes a pose; `undefined` for a pose with a non-finite number (nothing is sent). */
export function encodePose(p: Pose): Uint8Array<ArrayBuffer> | undefined {
  if (!finite(p)) return undefined
  const bytes = new Uint8Array(p.hands ? POSE_BYTES_HANDS : POSE_BYTES)
  const v = new DataView(bytes.buffer)
  v.setUint8(0, POSE_VERSION)
  v.setUint8(1, (p.seated ? SEATED : 0) | (p.hands ? HANDS : 0))
  v.setUint16(2, ((Math.round(p.t) % 65536) + 65536) % 65536, true)
  v.setInt16(4, cm(p.x), true)
  v.setInt16(6, cm(p.y), true)
  v.setInt16(8, cm(p.z), true)
  v.setInt16(10, clamp16(wrap(p.yaw) * ANGLE), true)
  v.setInt16(12, clamp16(Math.max(-Math.PI / 2, Math.min(Math.PI / 2, p.pitch)) * ANGLE), true)
  if (p.hands) {
    const all = [...p.hands.left, ...p.hands.right]
    all.forEach((m, i) => v.setInt16(14 + i * 2, cm(m), true))
  }
  return bytes
}

/** Decodes a packet; `undefined` for anything that is not a valid pose packet of this version. */
export function decodePose(bytes: Uint8Array): Pose | undefined {
  if (bytes.byteLength !== POSE_BYTES && bytes.byteLength !== POSE_BYTES_HANDS) return undefined
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (v.getUint8(0) !== POSE_VERSION) return undefined
  const flags = v.getUint8(1)
  if ((flags & ~(SEATED | HANDS)) !== 0) return undefined
  const hands = (flags & HANDS) !== 0
  if (hands !== (bytes.byteLength === POSE_BYTES_HANDS)) return undefined
  const pitch = v.getInt16(12, true) / ANGLE
  if (Math.abs(pitch) > Math.PI / 2 + 1e-4) return undefined
  const m = (o: number) => v.getInt16(o, true) / 100
  const pose: Pose = {
    t: v.getUint16(2, true),
    x: m(4),
    y: m(6),
    z: m(8),
    yaw: v.getInt16(10, true) / ANGLE,
    pitch,
    seated: (flags & SEATED) !== 0,
  }
  if (hands) pose.hands = { left: [m(14), m(16), m(18)], right: [m(20), m(22), m(24)] }
  return pose
}
