/**
 * Pose bandwidth per remote participant: the real pose sender (client/app/pose-sender.ts) driven
 * on a simulated 60 s clock at 15 Hz through three ways of moving, counting what one receiver gets:
 *   payload     the pose packet (common/protocol/pose-codec.ts) — the budget of issue #5 is
 *               ≤ 2 kbit/s per remote participant;
 *   LiveKit     the bytes the embedded SFU forwards: the DataPacket livekit-client 2.23's
 *               publishData builds (lossy, topic `pose`) run through the SFU's own forwarding
 *               (server/media/sfu/data-forward.ts), which stamps the sender;
 *   wire        plus SCTP (common header 12, DATA chunk 16, data padded to 4 bytes), DTLS 1.2
 *               (37: record header 13, AES-128-GCM nonce 8 and tag 16; werift speaks no other)
 *               and UDP/IPv4 (28) per packet, estimated; SACKs and retransmissions left out.
 * Side by side with the peer most multi-user WebXR apps use: JSON text of the same pose (as
 * networked-aframe style updates do), sent at the same moments.
 *
 *   npm run bench:pose
 */
import { DataPacket, DataPacket_Kind, UserPacket } from '@livekit/protocol'
import { createPoseSender, POSE_HZ } from '../../client/app/pose-sender.ts'
import { decodePose } from '#common/protocol/pose-codec.ts'
import { playerStore } from '../../client/state/player-store.ts'
import { xrPose } from '../../client/state/xr-pose.ts'
import { forwardedData } from '../../server/media/sfu/data-forward.ts'

const SECONDS = 60
/** One forwarded message of `bytes` on the wire (see the header). */
const onWire = (bytes: number) => 12 + 16 + Math.ceil(bytes / 4) * 4 + 37 + 28
// Identity and sid as the server issues them (p_ + 12, PA_ + 12).
const IDENTITY = 'p_28y5jh32uksm'
const SID = 'PA_eQgGtfppD3Sf'

interface Count {
  packets: number
  payload: number
  livekit: number
  wire: number
  json: number
}

/** What one receiver gets for one pose: livekit-client's packet as the SFU forwards it. */
function forwarded(payload: Uint8Array): number {
  // As LocalParticipant.publishData(payload, { reliable: false, topic: 'pose' }) builds it.
  const sent = new DataPacket({
    kind: DataPacket_Kind.LOSSY,
    value: { case: 'user', value: new UserPacket({ participantIdentity: IDENTITY, payload, topic: 'pose' }) },
  })
  const out = forwardedData(sent.toBinary(), { identity: IDENTITY, sid: SID })
  if (!out) throw new Error('the SFU refused a pose packet')
  return out.bytes.byteLength
}

function run(name: string, move: (t: number) => void): [string, Count] {
  playerStore.setState({ x: 0, y: 0, z: 4, yaw: 0, pitch: -0.08, seat: undefined })
  const c: Count = { packets: 0, payload: 0, livekit: 0, wire: 0, json: 0 }
  const tick = createPoseSender((bytes) => {
    const p = decodePose(bytes)!
    c.packets++
    c.payload += bytes.byteLength
    const out = forwarded(bytes)
    c.livekit += out
    c.wire += onWire(out)
    const round = (v: number) => Math.round(v * 100) / 100
    c.json += JSON.stringify({
      x: round(p.x),
      y: round(p.y),
      z: round(p.z),
      yaw: round(p.yaw),
      pitch: round(p.pitch),
      seated: p.seated,
      ...(p.hands && { hands: { left: p.hands.left.map(round), right: p.hands.right.map(round) } }),
    }).length
    return true
  })
  const step = 1000 / POSE_HZ
  for (let t = 0; t < SECONDS * 1000; t += step) {
    move(t / 1000)
    tick(t)
  }
  return [name, c]
}

const results = [
  run('walking the whole time (1.4 m/s, turning)', (s) =>
    playerStore.setState({ x: Math.sin(s / 5) * 7, z: Math.cos(s / 5) * 7, yaw: s / 5 }),
  ),
  run('seated, looking around now and then', (s) =>
    playerStore.setState({ seat: 'r2c3', yaw: Math.floor(s / 4) % 2 ? 0.4 : 0, pitch: -0.08 }),
  ),
  run('standing still', () => {}),
  // In a headset: the head sways and both hands gesture all the time (26-byte packets).
  run('headset, head and both hands moving', (s) => {
    Object.assign(xrPose, { active: true, hands: true, x: Math.sin(s) * 0.1, z: 4, yaw: Math.sin(s / 2) * 0.5 })
    xrPose.pitch = Math.sin(s / 3) * 0.2
    xrPose.left = [-0.25 + Math.sin(s * 2) * 0.2, 1.2, 3.6]
    xrPose.right = [0.25, 1.2 + Math.sin(s * 3) * 0.2, 3.6]
  }),
]
xrPose.active = false

const kbit = (bytes: number) => ((bytes * 8) / SECONDS / 1000).toFixed(2)
const BUDGET = 2
console.log(`Pose bandwidth per remote participant, ${SECONDS} s simulated at ${POSE_HZ} Hz (kbit/s received)\n`)
console.log(
  [
    'movement'.padEnd(44),
    'pkt/s'.padStart(6),
    'payload'.padStart(8),
    'LiveKit'.padStart(8),
    'wire'.padStart(7),
    'JSON peer'.padStart(10),
  ].join(' '),
)
for (const [name, c] of results) {
  console.log(
    [
      name.padEnd(44),
      (c.packets / SECONDS).toFixed(1).padStart(6),
      kbit(c.payload).padStart(8),
      kbit(c.livekit).padStart(8),
      kbit(c.wire).padStart(7),
      kbit(c.json + c.packets * (c.livekit / Math.max(1, c.packets) - c.payload / Math.max(1, c.packets))).padStart(10),
    ].join(' '),
  )
}
const worst = Math.max(...results.map(([, c]) => (c.payload * 8) / SECONDS / 1000))
console.log(
  `\nBudget (issue #5): pose payload ≤ ${BUDGET} kbit/s per remote participant. Worst case ${worst.toFixed(2)} kbit/s: ${
    worst <= BUDGET ? 'within budget' : 'OVER BUDGET'
  }.`,
)
process.exitCode = worst <= BUDGET ? 0 : 1
