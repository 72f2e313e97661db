/**
 * A publisher's camera is asked for keyframes at most once per 150 ms, however many requests the
 * SFU gets meanwhile (a class joining at once, or receivers that lose pictures): each keyframe is
 * several times a normal frame, and thirty of them at once flooded the teacher's upload. None is
 * lost: requests within the gap go as one at its end. A synthetic werift publisher, a werift
 * subscriber that asks for pictures itself (werift's router on the SFU sent a werift client's
 * requests to the wrong place; `keyframeRequestsToSenders`), a real server in this process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RTCPeerConnection, RTCRtpReceiver } from 'werift'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { joinV1, type SignalClient } from '../../helpers/signal-client.ts'
import { SyntheticParticipant } from '../../../bench/media/synthetic-participant.ts'
import { Pacer } from '../../../bench/media/synthetic-media.ts'
import { KEYFRAME_REQUEST_GAP_MS } from '../../../server/media/sfu/published-track.ts'

let server: TestServer
const pacer = new Pacer()
let teacher: SyntheticParticipant | undefined
let listener: { pc: RTCPeerConnection; client: SignalClient } | undefined

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  pacer.stop()
  listener?.client.close()
  await listener?.pc.close().catch(() => undefined)
  await teacher?.close()
  await server?.cleanup()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('keyframe requests to a publisher', () => {
  it('reach it at most once per gap, the first at once and none lost', async () => {
    const s = await createSession(server.url)
    const t = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    teacher = await SyntheticParticipant.join(server.url, t.media.token, pacer)
    const camera = await teacher.publish({ kind: 'camera', pps: 100, fps: 20 })
    const requests: number[] = []
    camera.onKeyframeRequest(() => requests.push(performance.now()))
    // The camera is live at the SFU (its packets arrive), so the listener's join answer carries it.
    await expect.poll(() => camera.sent, { timeout: 10_000 }).toBeGreaterThan(100)

    const l = await joinAs(server.url, s.id, s.invites.learner, 'Wang Fang')
    let video: { receiver: RTCRtpReceiver; ssrc: number } | undefined
    listener = await joinV1(server.url, l.media.token, (pc) =>
      pc.onTrack.subscribe((track) => {
        if (track.kind !== 'video') return
        const receiver = pc.getTransceivers().find((x) => x.receiver.tracks.includes(track))!.receiver
        track.onReceiveRtp.once((rtp) => {
          video = { receiver, ssrc: rtp.header.ssrc }
        })
      }),
    )
    await expect.poll(() => video, { timeout: 10_000 }).toBeDefined()
    // The join's own series of requests (up to 3 s after the connection is up) is over.
    await sleep(3500)

    // The listener asks for a picture twenty times in 200 ms.
    requests.length = 0
    const firstAsked = performance.now()
    for (let i = 0; i < 20; i++) {
      await video!.receiver.sendRtcpPLI(video!.ssrc)
      await sleep(10)
    }
    const lastAsked = performance.now()
    await sleep(KEYFRAME_REQUEST_GAP_MS + 200)

    expect(requests.length).toBeGreaterThanOrEqual(2)
    expect(requests.length).toBeLessThanOrEqual(3)
    // The first at once; then one per gap (timers may fire a little early or late).
    expect(requests[0]! - firstAsked).toBeLessThan(100)
    for (let i = 1; i < requests.length; i++) {
      expect(requests[i]! - requests[i - 1]!).toBeGreaterThan(KEYFRAME_REQUEST_GAP_MS - 20)
    }
    // The last ask is answered by a request sent after it.
    expect(requests.at(-1)!).toBeGreaterThan(lastAsked - KEYFRAME_REQUEST_GAP_MS)
  })
})
