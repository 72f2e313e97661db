/**
 * The fixture of the media integration tests that need a live camera without a browser: a real
 * server in this process, a synthetic werift teacher (bench/media/synthetic-participant.ts) whose
 * camera is arriving at the SFU, and werift listeners on `/rtc/v1`. Everything is closed after
 * the file's tests, simulated loss switched off first.
 */
import { afterAll, beforeAll, expect } from 'vitest'
import type { RTCPeerConnection, RTCRtpReceiver } from 'werift'
import { startTestServer, type TestServer } from './server.ts'
import { createSession, joinAs } from './api.ts'
import { joinV1 } from './signal-client.ts'
import { SyntheticParticipant } from '../../bench/media/synthetic-participant.ts'
import { Pacer, type SyntheticSource } from '../../bench/media/synthetic-media.ts'

export interface SyntheticLesson {
  readonly server: TestServer
  /** A new session whose teacher publishes a camera of 100 packets a second at 20 frames, already arriving. */
  teacherWithCamera(): Promise<{
    sessionId: string
    learnerInvite: string
    teacher: SyntheticParticipant
    camera: SyntheticSource
  }>
  /** A learner joining `sessionId` on a werift connection; `onPeer` sees the connection before it offers. */
  listener(sessionId: string, invite: string, onPeer?: (pc: RTCPeerConnection) => void): ReturnType<typeof joinV1>
  /** A listener once its first video packet came: the receiver it came on and its SSRC (to ask for pictures with). */
  videoListener(sessionId: string, invite: string): Promise<{ receiver: RTCRtpReceiver; ssrc: number }>
}

export function syntheticLesson(): SyntheticLesson {
  let server: TestServer | undefined
  const pacer = new Pacer()
  const closing: (() => Promise<unknown>)[] = []
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    server?.atrium.sfu?.setSimulatedLoss(0)
    pacer.stop()
    for (const close of closing.reverse()) await close().catch(() => undefined)
    await server?.cleanup()
  })
  const started = () => {
    if (!server) throw new Error('the lesson’s server starts in beforeAll')
    return server
  }
  return {
    get server() {
      return started()
    },
    async teacherWithCamera() {
      const url = started().url
      const s = await createSession(url)
      const t = await joinAs(url, s.id, s.invites.teacher, 'Ms. Li')
      const teacher = await SyntheticParticipant.join(url, t.media.token, pacer)
      closing.push(() => teacher.close())
      const camera = await teacher.publish({ kind: 'camera', pps: 100, fps: 20 })
      // The camera is live at the SFU (its packets arrive), so a listener's join answer carries it.
      await expect.poll(() => camera.sent, { timeout: 10_000 }).toBeGreaterThan(100)
      return { sessionId: s.id, learnerInvite: s.invites.learner, teacher, camera }
    },
    async listener(sessionId, invite, onPeer) {
      const url = started().url
      const l = await joinAs(url, sessionId, invite, 'Wang Fang')
      const joined = await joinV1(url, l.media.token, onPeer)
      closing.push(async () => {
        joined.client.close()
        await joined.pc.close()
      })
      return joined
    },
    async videoListener(sessionId, invite) {
      let video: { receiver: RTCRtpReceiver; ssrc: number } | undefined
      await this.listener(sessionId, invite, (pc) =>
        pc.onTrack.subscribe((track) => {
          if (track.kind !== 'video') return
          const receiver = pc.getTransceivers().find((x) => x.receiver.tracks.includes(track))!.receiver
          track.onReceiveRtp.once((rtp) => {
            video = { receiver, ssrc: rtp.header.ssrc }
          })
        }),
      )
      await expect.poll(() => video, { timeout: 10_000 }).toBeDefined()
      return video!
    },
  }
}
