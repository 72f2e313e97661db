/**
 * A publisher's packets of padding alone (a browser probing its bandwidth sends them on the
 * camera's own SSRC when no RTX is negotiated) stay at the SFU: they carry nothing for a
 * subscriber, and they used to reach every one of them. The subscriber must not see a gap where
 * they were either, or it would count them lost and ask for them again (NACK). A synthetic werift
 * publisher that sends padding between its frames, a werift subscriber that records every video
 * packet it gets, a real server in this process.
 */
import { describe, expect, it } from 'vitest'
import { syntheticLesson } from '../../helpers/synthetic-lesson.ts'

const lesson = syntheticLesson()

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('packets of padding alone from a publisher', () => {
  it('reach no subscriber, and the video a subscriber gets has no gap where they were', async () => {
    const { sessionId, learnerInvite, camera } = await lesson.teacherWithCamera()
    const got: { seq: number; bytes: number }[] = []
    await lesson.listener(sessionId, learnerInvite, (pc) =>
      pc.onTrack.subscribe((track) => {
        if (track.kind !== 'video') return
        track.onReceiveRtp.subscribe((rtp) => got.push({ seq: rtp.header.sequenceNumber, bytes: rtp.payload.length }))
      }),
    )
    await expect.poll(() => got.length, { timeout: 10_000 }).toBeGreaterThan(20)

    got.length = 0
    const sentBefore = camera.sent
    for (let i = 0; i < 10; i++) {
      await sleep(100)
      camera.sendPadding(3)
    }
    await sleep(300)
    const sent = camera.sent - sentBefore
    const window = [...got]

    // The camera sent about 100 packets a second for 1.3 s, and 30 of padding alone among them.
    expect(sent).toBeGreaterThan(100)
    expect(window.length).toBeGreaterThan(60)
    expect(window.filter((p) => p.bytes === 0)).toEqual([])
    // Every sequence number from the first to the last, each once: nothing to count lost.
    let extended = window[0]!.seq
    const seen = new Set([extended])
    for (const p of window.slice(1)) {
      extended += ((p.seq - (extended & 0xffff) + 0x8000) & 0xffff) - 0x8000
      seen.add(extended)
    }
    const first = Math.min(...seen)
    const last = Math.max(...seen)
    expect({ packets: window.length, span: last - first + 1, distinct: seen.size }).toEqual({
      packets: window.length,
      span: window.length,
      distinct: window.length,
    })
  }, 30_000)
})
