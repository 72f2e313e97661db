import { describe, expect, it } from 'vitest'
import { ConnectionQuality } from '@livekit/protocol'
import { judgeQuality } from '../../../../server/media/sfu/connection-quality.ts'

describe('connection quality as the SFU judges it', () => {
  it('is lost without a signal socket, whatever else', () => {
    expect(judgeQuality({ connected: false, publishing: true, loss: 0 })).toBe(ConnectionQuality.LOST)
  })
  it('grades a publisher by the share of packets that do not arrive', () => {
    expect(judgeQuality({ connected: true, publishing: true, loss: 0.01 })).toBe(ConnectionQuality.EXCELLENT)
    expect(judgeQuality({ connected: true, publishing: true, loss: 0.05 })).toBe(ConnectionQuality.GOOD)
    expect(judgeQuality({ connected: true, publishing: true, loss: 0.2 })).toBe(ConnectionQuality.POOR)
  })
  it('calls a connected listener excellent (nothing of theirs to measure)', () => {
    expect(judgeQuality({ connected: true, publishing: false, loss: 0.5 })).toBe(ConnectionQuality.EXCELLENT)
  })
  it('grades a listener by the video sent to them that they ask for again, and poor while it is held back', () => {
    const listener = { connected: true, publishing: false, loss: 0 }
    expect(judgeQuality({ ...listener, downlink: { loss: 0.01, held: false } })).toBe(ConnectionQuality.EXCELLENT)
    expect(judgeQuality({ ...listener, downlink: { loss: 0.05, held: false } })).toBe(ConnectionQuality.GOOD)
    expect(judgeQuality({ ...listener, downlink: { loss: 0.2, held: false } })).toBe(ConnectionQuality.POOR)
    expect(judgeQuality({ ...listener, downlink: { loss: 0, held: true } })).toBe(ConnectionQuality.POOR)
    // A publisher is judged by the worse of the two.
    expect(judgeQuality({ connected: true, publishing: true, loss: 0.01, downlink: { loss: 0.05, held: false } })).toBe(
      ConnectionQuality.GOOD,
    )
  })
})
