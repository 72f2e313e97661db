/**
 * How often a `/rtc/v1` subscriber is made to offer again when many tracks appear at once (a
 * class joining together): one `mediaSectionsRequirement` at a time, asking for exactly the
 * receive sections still missing, and tracks that appear meanwhile go into the next one (each
 * request waits for the client's connection to be up: 20 s per test for a loaded machine). A tiny
 * signal client over a real WebSocket against a real server, with werift peer connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RTCPeerConnection } from 'werift'
import {
  AddTrackRequest,
  DisconnectReason,
  LeaveRequest_Action,
  MuteTrackRequest,
  ParticipantInfo_State,
  SessionDescription,
  TrackSource,
  TrackType,
} from '@livekit/protocol'
import { startTestServer, withEmbeddedMedia, type TestServer } from '../../../helpers/server.ts'
import { createSession, joinAs } from '../../../helpers/api.ts'
import { SignalClient, clientPeer, clientSubscriber, type ResponseOf } from '../../../helpers/signal-client.ts'

let server: TestServer
const open: SignalClient[] = []
const peers: RTCPeerConnection[] = []

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  for (const c of open) c.close()
  await Promise.all(peers.map((pc) => pc.close()))
  await server?.cleanup()
})

type Requirement = ResponseOf<'mediaSectionsRequirement'>

/** A teacher on the classic path who publishes microphones one after another. */
async function speaker(sessionId: string, invite: string) {
  const j = await joinAs(server.url, sessionId, invite, 'Ms. Li')
  const client = await SignalClient.open(server.url, j.media.token, { path: '/rtc' })
  open.push(client)
  await client.nextOf('join')
  const { pc } = await clientPeer({ send: [] })
  peers.push(pc)
  let offerId = 0
  return {
    client,
    async publishMicrophone(cid: string, muted = false): Promise<string> {
      client.send({
        case: 'addTrack',
        value: new AddTrackRequest({ cid, name: cid, type: TrackType.AUDIO, source: TrackSource.MICROPHONE, muted }),
      })
      const sid = (await client.nextOf('trackPublished')).track!.sid
      pc.addTransceiver('audio', { direction: 'sendonly' })
      await pc.setLocalDescription(await pc.createOffer())
      client.send({
        case: 'offer',
        value: new SessionDescription({ type: 'offer', sdp: pc.localDescription!.sdp, id: ++offerId }),
      })
      await pc.setRemoteDescription({ type: 'answer', sdp: (await client.nextOf('answer')).sdp })
      return sid
    },
    unmute(sid: string): void {
      client.send({ case: 'mute', value: new MuteTrackRequest({ sid, muted: false }) })
    },
  }
}

/** A `/rtc/v1` listener laid out as livekit-client's first offer (one receive section per kind here). */
async function listener(sessionId: string, invite: string) {
  const peer = await clientPeer()
  peers.push(peer.pc)
  const j = await joinAs(server.url, sessionId, invite, 'Ben')
  const client = await SignalClient.open(server.url, j.media.token, {
    offer: new SessionDescription({ type: 'offer', sdp: peer.offer, id: 1 }),
  })
  open.push(client)
  await client.nextOf('join')
  let offerId = 1
  return {
    client,
    identity: j.participant.identity,
    /** The join answer, then each later one, applied to the client's connection. */
    async nextAnswer(): Promise<SessionDescription> {
      const answer = await client.nextOf('answer')
      expect(answer.id).toBe(offerId)
      await peer.pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp })
      // A browser never reuses a section for another kind; werift would reuse one left inactive.
      for (const t of peer.pc.getTransceivers()) t.usedForSender = true
      return answer
    },
    /** Adds the receive sections asked for and offers again, as livekit-client does. */
    async offerFor(r: Requirement): Promise<void> {
      for (let i = 0; i < r.numAudios; i++) peer.pc.addTransceiver('audio', { direction: 'recvonly' })
      for (let i = 0; i < r.numVideos; i++) peer.pc.addTransceiver('video', { direction: 'recvonly' })
      await peer.pc.setLocalDescription(await peer.pc.createOffer())
      client.send({
        case: 'offer',
        value: new SessionDescription({ type: 'offer', sdp: peer.pc.localDescription!.sdp, id: ++offerId }),
      })
    },
    requirements(): Requirement[] {
      return client.received.filter((m) => m.case === 'mediaSectionsRequirement').map((m) => m.value as Requirement)
    },
  }
}

const settle = () => new Promise((r) => setTimeout(r, 300))

/** In a new session: Ben listening, his join answered, then Ms. Li, who will speak. */
async function listenerThenSpeaker() {
  const s = await createSession(server.url)
  const ben = await listener(s.id, s.invites.learner)
  await ben.nextAnswer()
  return { ben, li: await speaker(s.id, s.invites.teacher) }
}

/** Runs `body` against a server of its own with these media settings (`speaker` and `listener` use `server`). */
async function withOwnServer(media: Parameters<typeof withEmbeddedMedia>[0], body: () => Promise<void>): Promise<void> {
  const shared = server
  server = await startTestServer({}, undefined, withEmbeddedMedia(media))
  try {
    await body()
  } finally {
    await server.cleanup()
    server = shared
  }
}

describe('renegotiation of a /rtc/v1 subscriber', () => {
  it('asks once while its offer is awaited, then for exactly the sections still missing', async () => {
    const { ben, li } = await listenerThenSpeaker()

    const first = await li.publishMicrophone('mic-1')
    expect(await ben.client.nextOf('mediaSectionsRequirement')).toMatchObject({ numAudios: 0, numVideos: 0 })
    // Two more while Ben has not offered again: announced, but no second request yet.
    const second = await li.publishMicrophone('mic-2')
    const third = await li.publishMicrophone('mic-3')
    await settle()
    expect(ben.requirements()).toHaveLength(1)

    await ben.offerFor({ numAudios: 0, numVideos: 0 } as Requirement)
    expect(Object.values((await ben.nextAnswer()).midToTrackId)).toEqual([first])
    // The one free section took the first microphone; the other two need a section each.
    const next = await ben.client.nextOf('mediaSectionsRequirement')
    expect(next).toMatchObject({ numAudios: 2, numVideos: 0 })

    await ben.offerFor(next)
    expect(Object.values((await ben.nextAnswer()).midToTrackId).sort()).toEqual([first, second, third].sort())
    await settle()
    expect(ben.requirements()).toHaveLength(2)
  }, 20_000)

  it('places what is live on a newcomer’s join answer and asks only for the sections still missing', async () => {
    const s = await createSession(server.url)
    const li = await speaker(s.id, s.invites.teacher)
    const mics = [await li.publishMicrophone('mic-1'), await li.publishMicrophone('mic-2')]
    await li.publishMicrophone('mic-3').then((sid) => mics.push(sid))

    const ben = await listener(s.id, s.invites.learner)
    expect(Object.values((await ben.nextAnswer()).midToTrackId)).toHaveLength(1)
    const request = await ben.client.nextOf('mediaSectionsRequirement')
    expect(request).toMatchObject({ numAudios: 2, numVideos: 0 })
    await ben.offerFor(request)
    expect(Object.values((await ben.nextAnswer()).midToTrackId).sort()).toEqual(mics.sort())
    await settle()
    expect(ben.requirements()).toHaveLength(1)
  }, 20_000)

  it('tells a client that never offers the sections asked for to reconnect in full', async () => {
    // Clients have 700 ms to offer what the server asks for.
    await withOwnServer({ negotiationTimeoutMs: 700 }, async () => {
      const { ben, li } = await listenerThenSpeaker()
      // The speaker answers the server's offers (with 700 ms it would be told to reconnect too).
      const liSub = await clientSubscriber()
      peers.push(liSub.pc)
      await li.client.answerSubscriberOffer(await li.client.nextOf('offer'), liSub)
      await li.publishMicrophone('mic-1')
      await ben.client.nextOf('mediaSectionsRequirement')

      // Ben does not offer: after the timeout, leave{RECONNECT} and the socket closes.
      const leave = await ben.client.nextOf('leave', 5000)
      expect(leave).toMatchObject({
        action: LeaveRequest_Action.RECONNECT,
        reason: DisconnectReason.STATE_MISMATCH,
        canReconnect: true,
      })
      expect((await ben.client.closed).code).toBe(1000)
      // The others see Ben leave.
      const benLeft = () =>
        li.client.received.some(
          (m) =>
            m.case === 'update' &&
            m.value.participants.some(
              (p) => p.identity === ben.identity && p.state === ParticipantInfo_State.DISCONNECTED,
            ),
        )
      await expect.poll(benLeft, { timeout: 5000 }).toBe(true)
    })
  }, 20_000)
})

describe('muted microphones on a /rtc/v1 subscriber', () => {
  it('wait until the speaker stops publishing, then all go into one request', async () => {
    await withOwnServer({ mutedTrackQuietMs: 2000 }, async () => {
      const { ben, li } = await listenerThenSpeaker()
      const mics: string[] = []
      for (let i = 1; i <= 4; i++) mics.push(await li.publishMicrophone(`mic-${i}`, true))
      // Published one after another, each would have been one more offer and answer for Ben.
      expect(ben.requirements()).toHaveLength(0)

      // Ben's one free receive section takes the first; the other three are asked for together.
      const request = await ben.client.nextOf('mediaSectionsRequirement', 10_000)
      expect(request).toMatchObject({ numAudios: 3, numVideos: 0 })
      await ben.offerFor(request)
      expect(Object.values((await ben.nextAnswer()).midToTrackId).sort()).toEqual([...mics].sort())
      await settle()
      expect(ben.requirements()).toHaveLength(1)
    })
  }, 30_000)

  it('is placed at once when it unmutes', async () => {
    // The quiet spell never comes within the test: only the unmute can place the microphone.
    await withOwnServer({ mutedTrackQuietMs: 120_000 }, async () => {
      const { ben, li } = await listenerThenSpeaker()
      const mic = await li.publishMicrophone('mic-1', true)
      await settle()
      expect(ben.requirements()).toHaveLength(0)

      li.unmute(mic)
      await ben.offerFor(await ben.client.nextOf('mediaSectionsRequirement', 10_000))
      expect(Object.values((await ben.nextAnswer()).midToTrackId)).toEqual([mic])
    })
  }, 30_000)

  it('lets a newcomer’s join answer carry the open microphone, not a muted one', async () => {
    await withOwnServer({ mutedTrackQuietMs: 120_000 }, async () => {
      const s = await createSession(server.url)
      const li = await speaker(s.id, s.invites.teacher)
      await li.publishMicrophone('muted-1', true)
      await li.publishMicrophone('muted-2', true)
      const open = await li.publishMicrophone('open')

      // One receive section for audio in Ben's first offer: it goes to the one that can be heard.
      const ben = await listener(s.id, s.invites.learner)
      expect(Object.values((await ben.nextAnswer()).midToTrackId)).toEqual([open])
      await settle()
      expect(ben.requirements()).toHaveLength(0)
    })
  }, 30_000)
})
