import { afterEach, describe, expect, it } from 'vitest'
import { decodePose, POSE_BYTES_HANDS, type Pose } from '#common/protocol/pose-codec.ts'
import { createPoseSender, HANDS_MIN_INTERVAL_MS, POSE_HZ } from '../../../client/app/pose-sender.ts'
import { playerStore } from '../../../client/state/player-store.ts'
import { xrPose } from '../../../client/state/xr-pose.ts'

function sender() {
  const sent: Pose[] = []
  const tick = createPoseSender((bytes) => {
    sent.push(decodePose(bytes)!)
    return true
  })
  return { sent, tick }
}

afterEach(() => {
  xrPose.active = false
  xrPose.hands = false
  playerStore.setState({ x: 0, y: 0, z: 0, yaw: 0, pitch: -0.08, seat: undefined })
})

describe('the pose sender', () => {
  it('sends where the player stands and looks, without hands, outside a headset', () => {
    playerStore.setState({ x: 1, z: 2, yaw: 0.5, pitch: -0.1 })
    const { sent, tick } = sender()
    tick(0)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ x: 1, z: 2, seated: false })
    expect(sent[0]!.yaw).toBeCloseTo(0.5, 3)
    expect(sent[0]!.hands).toBeUndefined()
  })

  it("in a headset sends the head's place and look and both hands, and a hand's move", () => {
    playerStore.setState({ x: 1, y: 0.3, z: 2, yaw: 0.5 })
    Object.assign(xrPose, { active: true, x: 1.2, z: 1.9, yaw: 2, pitch: -0.4, hands: true })
    xrPose.left = [0.9, 1.4, 1.5]
    xrPose.right = [1.4, 1.4, 1.5]
    const { sent, tick } = sender()
    tick(0)
    expect(sent[0]).toMatchObject({ x: 1.2, y: 0.3, z: 1.9 })
    expect(sent[0]!.yaw).toBeCloseTo(2, 3)
    expect(sent[0]!.pitch).toBeCloseTo(-0.4, 3)
    expect(sent[0]!.hands).toEqual({ left: [0.9, 1.4, 1.5], right: [1.4, 1.4, 1.5] })

    // A tremble below a centimetre is not worth a packet; a real move is.
    xrPose.right[1] = 1.405
    tick(100)
    expect(sent).toHaveLength(1)
    xrPose.right[1] = 1.7
    tick(200)
    expect(sent).toHaveLength(2)
    expect(sent[1]!.hands!.right).toEqual([1.4, 1.7, 1.5])

    // Controllers lost: the next packet has no hands.
    xrPose.hands = false
    tick(300)
    expect(sent).toHaveLength(3)
    expect(sent[2]!.hands).toBeUndefined()
  })

  it('sends hands at most 7.5 times a second, within 2 kbit/s while they keep moving', () => {
    Object.assign(xrPose, { active: true, x: 0, z: 0, yaw: 0, pitch: 0, hands: true })
    const { sent, tick } = sender()
    for (let i = 0; i < POSE_HZ * 10; i++) {
      xrPose.left = [Math.sin(i), 1.2, 0]
      xrPose.right = [0.3, 1.2 + Math.sin(i) * 0.3, 0]
      tick((i * 1000) / POSE_HZ)
    }
    expect(sent.length).toBeLessThanOrEqual(10 * (1000 / HANDS_MIN_INTERVAL_MS))
    expect(sent.length).toBeGreaterThanOrEqual(10 * 7)
    expect(sent.every((p) => p.hands !== undefined)).toBe(true)
    expect((sent.length * POSE_BYTES_HANDS * 8) / 10).toBeLessThanOrEqual(2000)
  })
})
