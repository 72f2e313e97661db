/**
 * A subscriber whose video the SFU holds back (its link loses too much of it, downlink-guard.ts)
 * is told so for each video track, PAUSED, including one published while the hold lasts, and
 * ACTIVE for all of them once the link is clean and the SFU tries again. Its audio is never held.
 * A synthetic werift publisher, a werift subscriber that asks for lost packets again (NACK) as
 * browsers do, loss simulated inside a real server in this process.
 */
import { describe, expect, it } from 'vitest'
import { SessionDescription, StreamState } from '@livekit/protocol'
import type { ResponseOf } from '../../helpers/signal-client.ts'
import { syntheticLesson } from '../../helpers/synthetic-lesson.ts'

const lesson = syntheticLesson()

type StreamStates = ResponseOf<'streamStateUpdate'>['streamStates']

describe('video held back from a subscriber on a lossy link', () => {
  it('is paused track by track, a track published meanwhile too, and resumes when the link is clean', async () => {
    const { sessionId, learnerInvite, teacher } = await lesson.teacherWithCamera()
    let videoPackets = 0
    const joined = await lesson.listener(sessionId, learnerInvite, (pc) =>
      pc.onTrack.subscribe((track) => {
        if (track.kind === 'video') track.onReceiveRtp.subscribe(() => videoPackets++)
      }),
    )
    const { pc, client } = joined
    const cameraSid = Object.values(joined.answer.midToTrackId)[0]!
    await expect.poll(() => videoPackets, { timeout: 10_000 }).toBeGreaterThan(50)

    // Answers every request for more receive sections, as livekit-client does.
    let offerId = 1
    const states: StreamStates = []
    void (async () => {
      for (;;) {
        const m = await client.next(60_000).catch(() => undefined)
        if (!m) return
        if (m.case === 'streamStateUpdate') states.push(...m.value.streamStates)
        if (m.case === 'mediaSectionsRequirement') {
          for (let i = 0; i < m.value.numVideos; i++) pc.addTransceiver('video', { direction: 'recvonly' })
          for (let i = 0; i < m.value.numAudios; i++) pc.addTransceiver('audio', { direction: 'recvonly' })
          await pc.setLocalDescription(await pc.createOffer())
          client.send({
            case: 'offer',
            value: new SessionDescription({ type: 'offer', sdp: pc.localDescription!.sdp, id: ++offerId }),
          })
        }
        if (m.case === 'answer') await pc.setRemoteDescription({ type: 'answer', sdp: m.value.sdp })
      }
    })()
    const stateOf = (sid: string) => states.filter((x) => x.trackSid === sid).at(-1)?.state

    lesson.server.atrium.sfu!.setSimulatedLoss(0.25)
    await expect.poll(() => stateOf(cameraSid), { timeout: 20_000 }).toBe(StreamState.PAUSED)

    // A second camera while the hold lasts: its first word is PAUSED too.
    const before = new Set(states.map((x) => x.trackSid))
    await teacher.publish({ kind: 'camera', pps: 100, fps: 20 })
    const newSid = () => states.find((x) => !before.has(x.trackSid) && x.trackSid !== cameraSid)?.trackSid
    await expect.poll(newSid, { timeout: 20_000 }).toBeDefined()
    expect(states.find((x) => x.trackSid === newSid())!.state).toBe(StreamState.PAUSED)

    lesson.server.atrium.sfu!.setSimulatedLoss(0)
    await expect
      .poll(() => [stateOf(cameraSid), stateOf(newSid()!)], { timeout: 30_000 })
      .toEqual([StreamState.ACTIVE, StreamState.ACTIVE])
  }, 90_000)
})
