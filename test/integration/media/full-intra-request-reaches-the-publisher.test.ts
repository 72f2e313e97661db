/**
 * A subscriber that asks for a picture with a Full Intra Request (RFC 5104 FIR) rather than a
 * PLI gets one: the request reaches the publisher as a keyframe request. Clients built on other
 * stacks than libwebrtc (GStreamer, FFmpeg, SIP gateways) ask that way, and a FIR names the
 * stream it wants in its FCI, not in the media-source field (zero). werift routed it by that field
 * and its senders read only PLIs, so such a request went nowhere. A synthetic werift publisher
 * that answers requests with keyframes, a werift subscriber, a real server in this process.
 */
import { describe, expect, it } from 'vitest'
import { RtcpPayloadSpecificFeedback } from 'werift'
import { syntheticLesson } from '../../helpers/synthetic-lesson.ts'

const lesson = syntheticLesson()

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** RFC 5104 4.3.1: a FIR's FCI entries each name an SSRC and a request sequence number. */
function fullIntraRequest(senderSsrc: number, entries: { ssrc: number; seq: number }[]) {
  const serialize = () => {
    const out = Buffer.alloc(8 + entries.length * 8)
    out.writeUInt32BE(senderSsrc >>> 0, 0)
    out.writeUInt32BE(0, 4)
    entries.forEach((e, i) => {
      out.writeUInt32BE(e.ssrc >>> 0, 8 + i * 8)
      out[12 + i * 8] = e.seq
    })
    return out
  }
  return { count: 4, length: (8 + entries.length * 8) / 4, serialize }
}

describe('a Full Intra Request from a subscriber', () => {
  it('reaches the publisher as a keyframe request, and only for the stream it names', async () => {
    const { sessionId, learnerInvite, camera } = await lesson.teacherWithCamera()
    const requests: number[] = []
    camera.onKeyframeRequest(() => requests.push(performance.now()))

    const { receiver, ssrc } = await lesson.videoListener(sessionId, learnerInvite)
    // The join's own series of requests (up to 3 s after the connection is up) is over.
    await sleep(3500)
    const fir = (entries: { ssrc: number; seq: number }[]) =>
      receiver.dtlsTransport.sendRtcp([
        new RtcpPayloadSpecificFeedback({ feedback: fullIntraRequest(receiver.rtcpSsrc, entries) as never }),
      ])

    // A FIR for a stream this subscriber does not receive asks nobody for anything.
    requests.length = 0
    await fir([{ ssrc: (ssrc + 1) >>> 0, seq: 1 }])
    await sleep(500)
    expect(requests).toEqual([])

    const asked = performance.now()
    await fir([{ ssrc, seq: 2 }])
    await expect.poll(() => requests.length, { timeout: 2000 }).toBe(1)
    expect(requests[0]! - asked).toBeLessThan(300)
  })
})
