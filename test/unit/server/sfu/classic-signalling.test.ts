/**
 * The classic `/rtc` path (two peer connections), message by message, as a LiveKit SDK on that
 * path sees it: the server answers the join with `subscriberPrimary`, offers the subscriber
 * connection at once, answers the client's publisher offers, and offers every change of what the
 * participant receives, one offer at a time, and asks a client that leaves one unanswered to
 * reconnect. A tiny signal client over a real WebSocket against a real server, with werift peer
 * connections on the client side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RTCPeerConnection } from 'werift'
import {
  AddTrackRequest,
  DisconnectReason,
  LeaveRequest_Action,
  ParticipantInfo_State,
  SessionDescription,
  SignalTarget,
  TrackSource,
  TrackType,
  UpdateSubscription,
  type LeaveRequest,
} from '@livekit/protocol'
import { sfuInThisThread, startTestServer, withEmbeddedMedia, type TestServer } from '../../../helpers/server.ts'
import { createSession, joinAs } from '../../../helpers/api.ts'
import { SignalClient, clientPeer, clientSubscriber, type JoinOptions } from '../../../helpers/signal-client.ts'
import type { CreateSessionResponse } from '#common/api/sessions.ts'
import { TwoPeerTransport } from '../../../../server/media/sfu/two-peer-transport.ts'

let server: TestServer
let session: CreateSessionResponse
const open: SignalClient[] = []
const peers: RTCPeerConnection[] = []

beforeAll(async () => {
  server = await startTestServer({ ATRIUM_SFU_THREADS: '0' })
  session = await createSession(server.url)
})
afterAll(async () => {
  for (const c of open) c.close()
  await Promise.all(peers.map((pc) => pc.close()))
  await server?.cleanup()
})

async function classic(name: string, s = session, invite = s.invites.learner, options: JoinOptions = {}) {
  const j = await joinAs(server.url, s.id, invite, name)
  const client = await SignalClient.open(server.url, j.media.token, { path: '/rtc', ...options })
  open.push(client)
  return { client, identity: j.participant.identity, token: j.media.token }
}

/** Room-wide announcements made on timers, not in reply to anything: they may come between any two messages. */
const PERIODIC = new Set(['connectionQuality', 'speakersChanged'])

/** The next message that is not a periodic announcement. */
async function nextReply(c: SignalClient) {
  for (;;) {
    const m = await c.next()
    if (!PERIODIC.has(m.case ?? '')) return m
  }
}

function offerOf(m: Awaited<ReturnType<typeof nextReply>>): SessionDescription {
  expect(m.case).toBe('offer')
  return m.value as SessionDescription
}

function transportOf(identity: string, s = session): TwoPeerTransport {
  const t = sfuInThisThread(server).rooms.get(`atrium-${s.id}`)!.participants.get(identity)!.transport
  if (!(t instanceof TwoPeerTransport)) throw new Error(`joined on ${t.path}`)
  return t
}

function remoteCandidates(pc: RTCPeerConnection): string[] {
  return pc.iceTransports.flatMap((t) => t.connection.remoteCandidates.map((c) => c.host))
}

/** The m-sections of an SDP: kind, direction and msid of each. */
function sections(sdp: string): { kind: string; mid: string; direction: string; msid: string | undefined }[] {
  return sdp
    .split(/\r\nm=/)
    .slice(1)
    .map((block) => ({
      kind: block.split(' ')[0]!,
      mid: /\r\na=mid:(\S+)/.exec(block)?.[1] ?? '',
      direction: /\r\na=(sendonly|recvonly|sendrecv|inactive)\r\n/.exec(block)?.[1] ?? '',
      msid: /\r\na=msid:([^\r]+)/.exec(block)?.[1],
    }))
}

/** Publishes a track of `kind` as a classic client does: addTrack, trackPublished, publisher offer, answer. */
async function publish(
  c: SignalClient,
  pub: RTCPeerConnection,
  kind: 'audio' | 'video',
  offerId: number,
  o: { cid?: string; muted?: boolean } = {},
) {
  c.send({
    case: 'addTrack',
    value: new AddTrackRequest({
      cid: o.cid ?? `local-${kind}`,
      name: kind,
      type: kind === 'audio' ? TrackType.AUDIO : TrackType.VIDEO,
      source: kind === 'audio' ? TrackSource.MICROPHONE : TrackSource.CAMERA,
      muted: o.muted ?? false,
    }),
  })
  const published = await nextReply(c)
  expect(published.case).toBe('trackPublished')
  const trackSid = (published.value as { track: { sid: string } }).track.sid
  pub.addTransceiver(kind, { direction: 'sendonly' })
  await pub.setLocalDescription(await pub.createOffer())
  c.send({
    case: 'offer',
    value: new SessionDescription({ type: 'offer', sdp: pub.localDescription!.sdp, id: offerId }),
  })
  const answer = await nextReply(c)
  expect(answer.case).toBe('answer')
  await pub.setRemoteDescription({ type: 'answer', sdp: (answer.value as SessionDescription).sdp })
  return trackSid
}

/** In a new session: a listener whose subscriber connection answered its first offer, then a teacher who joined. */
async function listenerThenSpeaker() {
  const s = await createSession(server.url)
  const listener = await classic('Eli', s)
  await listener.client.nextOf('join')
  const sub = await clientSubscriber()
  peers.push(sub.pc)
  await listener.client.answerSubscriberOffer(offerOf(await nextReply(listener.client)), sub)
  const speaker = await classic('Ms. Li', s, s.invites.teacher)
  const speakerSid = (await speaker.client.nextOf('join')).participant!.sid
  offerOf(await nextReply(speaker.client))
  return { listener, sub, speaker, speakerSid }
}

/** Runs `body` against a server of its own with these media settings (`classic()` uses `server`). */
async function withOwnServer(media: Parameters<typeof withEmbeddedMedia>[0], body: () => Promise<void>): Promise<void> {
  const shared = server
  server = await startTestServer({ ATRIUM_SFU_THREADS: '0' }, undefined, withEmbeddedMedia(media))
  try {
    await body()
  } finally {
    await server.cleanup()
    server = shared
  }
}

describe('signalling on the classic /rtc', () => {
  it('answers a join with a JoinResponse naming the subscriber connection primary, then offers that connection at once', async () => {
    const { client, identity } = await classic('Ann')
    const first = await client.next()
    expect(first.case).toBe('join')
    const r = first.value as Extract<typeof first, { case: 'join' }>['value']
    expect(r.room?.name).toBe(`atrium-${session.id}`)
    expect(r.participant?.identity).toBe(identity)
    expect(r.participant?.sid).toMatch(/^PA_/)
    expect(r.subscriberPrimary).toBe(true)
    expect(r.pingInterval).toBe(5)
    expect(r.pingTimeout).toBe(15)
    expect(r.serverVersion).not.toBe('')
    expect(r.serverInfo?.version).toBe(r.serverVersion)
    expect(r.otherParticipants).toEqual([])

    const offer = offerOf(await nextReply(client))
    expect(offer.type).toBe('offer')
    expect(offer.id).toBe(1)
    expect(offer.midToTrackId).toEqual({})
    // Nothing to receive yet: only the server's data channels, on one bundled transport.
    expect(sections(offer.sdp).map((s) => s.kind)).toEqual(['application'])
    expect(offer.sdp).toMatch(/^a=group:BUNDLE 0$/m)
    expect(offer.sdp).toMatch(/^a=setup:actpass$/m)
    // Its candidates ride in the offer (nothing is trickled), on the address media is served on.
    const candidates = offer.sdp.split('\r\n').filter((l) => l.startsWith('a=candidate:'))
    expect(candidates.length).toBeGreaterThan(0)
    for (const c of candidates) expect(c.split(' ')[4]).toBe('127.0.0.1')

    client.send({ case: 'ping', value: 5n })
    expect(await nextReply(client)).toEqual({ case: 'pong', value: 5n })
    expect(client.received.map((m) => m.case)).not.toContain('trickle')
    expect(client.received.map((m) => m.case)).not.toContain('mediaSectionsRequirement')
  })

  it('takes the token from Authorization: Bearer, as the native SDKs send it', async () => {
    const { client } = await classic('Bo', session, session.invites.learner, { bearer: true })
    expect((await client.next()).case).toBe('join')
    await expect(SignalClient.open(server.url, '', { path: '/rtc' })).rejects.toThrow('upgrade refused: 401')
  })

  it('connects the subscriber connection on the answer and SUBSCRIBER candidates; the server’s data channels open on it', async () => {
    const { client, identity } = await classic('Cleo')
    await client.nextOf('join')
    const offer = offerOf(await nextReply(client))
    const sub = await clientSubscriber()
    peers.push(sub.pc)
    const labels: string[] = []
    sub.pc.onDataChannel.subscribe((c) => labels.push(c.label))
    await client.answerSubscriberOffer(offer, sub)

    const t = transportOf(identity)
    await expect.poll(() => t.subscriber.pc.connectionState, { timeout: 10_000, interval: 50 }).toBe('connected')
    expect(remoteCandidates(t.subscriber.pc)).toContain('127.0.0.1')
    // SUBSCRIBER candidates are for the subscriber connection only.
    expect(remoteCandidates(t.publisher.pc)).toEqual([])
    // The participant is active once the connection its client waits for is up.
    expect(participant(identity).state).toBe(ParticipantInfo_State.ACTIVE)
    await expect.poll(() => labels.sort(), { timeout: 5000 }).toEqual(['_lossy', '_reliable'])
  })

  it('takes an unnumbered answer (id 0, as the native SDKs send) as the answer to the offer in flight', async () => {
    const { client, identity } = await classic('Dai')
    await client.nextOf('join')
    const offer = offerOf(await nextReply(client))
    expect(offer.id).toBeGreaterThan(0)
    const sub = await clientSubscriber()
    peers.push(sub.pc)
    await client.answerSubscriberOffer(offer, sub, { unnumbered: true })
    await expect
      .poll(() => transportOf(identity).subscriber.pc.connectionState, { timeout: 10_000, interval: 50 })
      .toBe('connected')
    expect(participant(identity).state).toBe(ParticipantInfo_State.ACTIVE)
  })

  it('answers a publisher offer with an answer of the same id and no track mapping; PUBLISHER candidates go to that connection', async () => {
    const { client, identity } = await classic('Dana', session, session.invites.teacher)
    await client.nextOf('join')
    offerOf(await nextReply(client))
    client.send({
      case: 'addTrack',
      value: new AddTrackRequest({ cid: 'mic-1', name: 'mic', type: TrackType.AUDIO, source: TrackSource.MICROPHONE }),
    })
    const published = await nextReply(client)
    expect(published.case).toBe('trackPublished')
    expect(published.value).toMatchObject({ cid: 'mic-1', track: { type: TrackType.AUDIO, mimeType: 'audio/opus' } })

    const pub = await clientPeer({ send: ['audio'] })
    peers.push(pub.pc)
    client.send({ case: 'offer', value: new SessionDescription({ type: 'offer', sdp: pub.offer, id: 1 }) })
    const answer = await nextReply(client)
    expect(answer.case).toBe('answer')
    const a = answer.value as SessionDescription
    expect(a.type).toBe('answer')
    expect(a.id).toBe(1)
    expect(a.midToTrackId).toEqual({})
    expect(sections(a.sdp).map((s) => `${s.kind}:${s.direction}`)).toEqual(['audio:recvonly', 'application:'])
    await pub.pc.setRemoteDescription({ type: 'answer', sdp: a.sdp })
    client.trickle(pub.candidates, SignalTarget.PUBLISHER)

    const t = transportOf(identity)
    await expect.poll(() => t.publisher.pc.connectionState, { timeout: 10_000, interval: 50 }).toBe('connected')
    expect(remoteCandidates(t.subscriber.pc)).toEqual([])
  })

  it('offers a subscriber each change of what it receives, one offer at a time, with PA_|TR_ stream ids and each mid named', async () => {
    const { listener, sub, speaker, speakerSid } = await listenerThenSpeaker()
    expect((await nextReply(listener.client)).case).toBe('update')

    const pub = await clientPeer({ send: [] })
    peers.push(pub.pc)
    const micSid = await publish(speaker.client, pub.pc, 'audio', 1)
    expect((await nextReply(listener.client)).case).toBe('update')
    const second = offerOf(await nextReply(listener.client))
    expect(second.id).toBe(2)
    const [mic] = sections(second.sdp).filter((x) => x.kind === 'audio')
    expect(mic).toMatchObject({ direction: 'sendonly', msid: `${speakerSid}|${micSid} ${micSid}` })
    expect(second.midToTrackId).toEqual({ [mic!.mid]: micSid })

    // A camera while offer 2 waits for its answer: announced now, offered after that answer.
    const cameraSid = await publish(speaker.client, pub.pc, 'video', 2)
    expect((await nextReply(listener.client)).case).toBe('update')
    await new Promise((r) => setTimeout(r, 300))
    expect(listener.client.received.filter((m) => m.case === 'offer')).toHaveLength(2)

    await listener.client.answerSubscriberOffer(second, sub)
    const third = offerOf(await nextReply(listener.client))
    expect(third.id).toBe(3)
    const [camera] = sections(third.sdp).filter((x) => x.kind === 'video')
    expect(camera).toMatchObject({ direction: 'sendonly', msid: `${speakerSid}|${cameraSid} ${cameraSid}` })
    expect(third.midToTrackId).toEqual({ [mic!.mid]: micSid, [camera!.mid]: cameraSid })
    await listener.client.answerSubscriberOffer(third, sub)

    // Unsubscribing takes the section out of use (inactive); subscribing again puts the track on it.
    listener.client.send({
      case: 'subscription',
      value: new UpdateSubscription({ trackSids: [cameraSid], subscribe: false }),
    })
    const fourth = offerOf(await nextReply(listener.client))
    expect(sections(fourth.sdp).find((x) => x.mid === camera!.mid)?.direction).toBe('inactive')
    expect(fourth.midToTrackId).toEqual({ [mic!.mid]: micSid })
    await listener.client.answerSubscriberOffer(fourth, sub)
    listener.client.send({
      case: 'subscription',
      value: new UpdateSubscription({ trackSids: [cameraSid], subscribe: true }),
    })
    const fifth = offerOf(await nextReply(listener.client))
    expect(sections(fifth.sdp).filter((x) => x.kind === 'video')).toEqual([
      { kind: 'video', mid: camera!.mid, direction: 'sendonly', msid: `${speakerSid}|${cameraSid} ${cameraSid}` },
    ])
    expect(fifth.id).toBe(5)
  })

  it('offers microphones published muted together, once the speaker stops publishing', async () => {
    // Muted tracks wait 3 s for a quiet spell.
    await withOwnServer({ mutedTrackQuietMs: 3000 }, async () => {
      const { listener, speaker } = await listenerThenSpeaker()
      const pub = await clientPeer({ send: [] })
      peers.push(pub.pc)
      const mics: string[] = []
      for (let i = 1; i <= 3; i++)
        mics.push(await publish(speaker.client, pub.pc, 'audio', i, { cid: `mic-${i}`, muted: true }))
      const offers = () => listener.client.received.filter((m) => m.case === 'offer')
      expect(offers()).toHaveLength(1)

      const second = await listener.client.nextOf('offer', 10_000)
      expect(Object.values(second.midToTrackId).sort()).toEqual([...mics].sort())
      expect(sections(second.sdp).filter((x) => x.kind === 'audio' && x.direction === 'sendonly')).toHaveLength(3)
    })
  })

  it('tells a client that leaves an offer unanswered to reconnect in full, and offers everything again when it does', async () => {
    // Clients have 700 ms to answer.
    await withOwnServer({ negotiationTimeoutMs: 700 }, async () => {
      const s = await createSession(server.url)
      const j = await joinAs(server.url, s.id, s.invites.learner, 'Gus')
      const stuck = await SignalClient.open(server.url, j.media.token, { path: '/rtc' })
      open.push(stuck)
      await stuck.nextOf('join')
      const sub = await clientSubscriber()
      peers.push(sub.pc)
      await stuck.answerSubscriberOffer(offerOf(await nextReply(stuck)), sub)

      const speaker = await classic('Ms. Li', s, s.invites.teacher)
      const speakerSid = (await speaker.client.nextOf('join')).participant!.sid
      const speakerSub = await clientSubscriber()
      peers.push(speakerSub.pc)
      await speaker.client.answerSubscriberOffer(offerOf(await nextReply(speaker.client)), speakerSub)
      expect((await nextReply(stuck)).case).toBe('update')
      const pub = await clientPeer({ send: [] })
      peers.push(pub.pc)
      const micSid = await publish(speaker.client, pub.pc, 'audio', 1)
      expect((await nextReply(stuck)).case).toBe('update')
      const unanswered = offerOf(await nextReply(stuck))
      expect(Object.values(unanswered.midToTrackId)).toEqual([micSid])

      // Not answered: no other offer, and after the timeout leave{RECONNECT} and the socket closes;
      // the others see it leave. (Room updates about the speaker may come in between.)
      let leave = await nextReply(stuck)
      while (leave.case === 'update') leave = await nextReply(stuck)
      expect(leave.case).toBe('leave')
      expect(leave.value).toMatchObject({
        action: LeaveRequest_Action.RECONNECT,
        reason: DisconnectReason.STATE_MISMATCH,
        canReconnect: true,
      })
      expect((await stuck.closed).code).toBe(1000)
      const gone = await speaker.client.nextOf('update')
      expect(gone.participants.find((p) => p.identity === j.participant.identity)?.state).toBe(
        ParticipantInfo_State.DISCONNECTED,
      )

      // The full reconnect: a new join whose first offer carries the microphone it missed.
      const again = await SignalClient.open(server.url, j.media.token, { path: '/rtc' })
      open.push(again)
      await again.nextOf('join')
      const first = offerOf(await nextReply(again))
      const [mic] = sections(first.sdp).filter((x) => x.kind === 'audio')
      expect(mic).toMatchObject({ direction: 'sendonly', msid: `${speakerSid}|${micSid} ${micSid}` })
      const resub = await clientSubscriber()
      peers.push(resub.pc)
      await again.answerSubscriberOffer(first, resub)
      await new Promise((r) => setTimeout(r, 1000))
      expect(again.received.map((m) => m.case)).not.toContain('leave')
    })
  })

  it('resumes a participant whose socket dropped: ReconnectResponse, everyone as they are, and the offer it missed, same id', async () => {
    const listener = await classic('Kai')
    const kaiSid = (await listener.client.nextOf('join')).participant!.sid
    const sub = await clientSubscriber()
    peers.push(sub.pc)
    await listener.client.answerSubscriberOffer(offerOf(await nextReply(listener.client)), sub)

    // A microphone arrives while Kai's socket is down: its offer went to the dropped socket.
    const speaker = await classic('Lu', session, session.invites.teacher)
    await speaker.client.nextOf('join')
    const speakerSub = await clientSubscriber()
    peers.push(speakerSub.pc)
    await speaker.client.answerSubscriberOffer(offerOf(await nextReply(speaker.client)), speakerSub)
    expect(await server.atrium.sfu!.dropSignal(`atrium-${session.id}`, listener.identity)).toBe(true)
    await listener.client.closed
    const pub = await clientPeer({ send: [] })
    peers.push(pub.pc)
    const micSid = await publish(speaker.client, pub.pc, 'audio', 1)
    await new Promise((r) => setTimeout(r, 300))

    const again = await SignalClient.open(server.url, listener.token, { path: '/rtc', resume: kaiSid })
    open.push(again)
    expect((await again.next()).case).toBe('reconnect')
    const everyone = await nextReply(again)
    expect(everyone.case).toBe('update')
    const missed = offerOf(await nextReply(again))
    expect(Object.values(missed.midToTrackId)).toContain(micSid)
    await again.answerSubscriberOffer(missed, sub)
    await expect.poll(() => transportOf(listener.identity).downTrack(micSid)?.transceiver?.mid).toBeDefined()

    // Nobody saw Kai leave, and Kai is not told to rejoin.
    await new Promise((r) => setTimeout(r, 500))
    const kaiLeft = speaker.client.received.some(
      (m) =>
        m.case === 'update' &&
        m.value.participants.some((p) => p.sid === kaiSid && p.state === ParticipantInfo_State.DISCONNECTED),
    )
    expect(kaiLeft).toBe(false)
    expect(again.received.map((m) => m.case)).not.toContain('leave')
    expect(again.received.map((m) => m.case)).not.toContain('join')
  })

  it('answers a reconnecting join (reconnect=1) with leave{RECONNECT}, so the client rejoins in full', async () => {
    const { client } = await classic('Ivy', session, session.invites.learner, {
      query: { reconnect: '1', sid: 'PA_gone' },
    })
    const first = await client.next()
    expect(first.case).toBe('leave')
    expect((first.value as LeaveRequest).action).toBe(LeaveRequest_Action.RECONNECT)
  })
})

function participant(identity: string) {
  return sfuInThisThread(server).rooms.get(`atrium-${session.id}`)!.participants.get(identity)!
}
