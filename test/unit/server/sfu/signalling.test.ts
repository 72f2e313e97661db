/**
 * The embedded SFU's signalling state machine, message by message, as livekit-client 2.23 sees
 * it: a tiny signal client over a real WebSocket against a real server, and a werift peer
 * connection on the client side where an offer is needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  LeaveRequest,
  LeaveRequest_Action,
  DisconnectReason,
  ParticipantInfo_State,
  Ping,
  SessionDescription,
  TrackSource,
  TrackType,
  AddTrackRequest,
  TrickleRequest,
  SignalTarget,
  ParticipantTracks,
  UpdateSubscription,
  UpdateTrackSettings,
} from '@livekit/protocol'
import { sfuInThisThread, startTestServer, type TestServer } from '../../../helpers/server.ts'
import { createSession, joinAs } from '../../../helpers/api.ts'
import { SignalClient, clientPeer } from '../../../helpers/signal-client.ts'
import type { CreateSessionResponse } from '#common/api/sessions.ts'
import { SinglePeerTransport } from '../../../../server/media/sfu/single-peer-transport.ts'

let server: TestServer
let session: CreateSessionResponse
const open: SignalClient[] = []

beforeAll(async () => {
  server = await startTestServer({
    ATRIUM_SFU_THREADS: '0',
    ATRIUM_ICE_SERVERS: '[{"urls":["turn:turn.example.org:3478"],"username":"u","credential":"p"}]',
  })
  session = await createSession(server.url)
})
afterAll(async () => {
  for (const c of open) c.close()
  await server?.cleanup()
})

async function join(name: string, offer?: SessionDescription, invite = session.invites.learner) {
  const j = await joinAs(server.url, session.id, invite, name)
  const client = await SignalClient.open(server.url, j.media.token, { offer })
  open.push(client)
  return { client, identity: j.participant.identity }
}

describe('signalling on /rtc/v1', () => {
  it('answers a join first with a JoinResponse naming the room, the participant, the server and the ping timing', async () => {
    const { client, identity } = await join('Ann')
    const first = await client.next()
    expect(first.case).toBe('join')
    const r = first.value as Extract<typeof first, { case: 'join' }>['value']
    expect(r.room?.name).toBe(`atrium-${session.id}`)
    expect(r.room?.sid).toMatch(/^RM_/)
    expect(r.participant?.identity).toBe(identity)
    expect(r.participant?.name).toBe('Ann')
    expect(r.participant?.sid).toMatch(/^PA_/)
    expect(r.participant?.permission?.canSubscribe).toBe(true)
    expect(r.serverVersion).not.toBe('')
    expect(r.serverInfo?.version).toBe(r.serverVersion)
    expect(r.pingInterval).toBe(5)
    expect(r.pingTimeout).toBe(15)
    expect(r.subscriberPrimary).toBe(false)
    expect(r.otherParticipants).toEqual([])
    // The configured STUN/TURN servers are handed to the client.
    expect(r.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential }))).toEqual([
      { urls: ['turn:turn.example.org:3478'], username: 'u', credential: 'p' },
    ])
    client.close()
  })

  it('lists those already in the room to a newcomer and tells them about the newcomer with an update', async () => {
    const s = await createSession(server.url)
    const a = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const b = await joinAs(server.url, s.id, s.invites.learner, 'Ben')
    const ca = await SignalClient.open(server.url, a.media.token)
    open.push(ca)
    expect((await ca.next()).case).toBe('join')
    const cb = await SignalClient.open(server.url, b.media.token)
    open.push(cb)
    const jb = await cb.nextOf('join')
    expect(jb.otherParticipants.map((p) => p.identity)).toEqual([a.participant.identity])
    const update = await ca.next()
    expect(update.case).toBe('update')
    const infos = (update.value as { participants: { identity: string; sid: string }[] }).participants
    expect(infos.map((p) => p.identity)).toEqual([b.participant.identity])
    expect(infos[0]!.sid).toBe(jb.participant!.sid)
  })

  it('answers the offer inside the join after the JoinResponse, echoing its id, and every later offer likewise', async () => {
    const peer = await clientPeer()
    try {
      const { client } = await join('Cleo', new SessionDescription({ type: 'offer', sdp: peer.offer, id: 1 }))
      expect((await client.next()).case).toBe('join')
      const second = await client.next()
      expect(second.case).toBe('answer')
      const answer = second.value as SessionDescription
      expect(answer.type).toBe('answer')
      expect(answer.id).toBe(1)
      // Every section of the offer is answered, none rejected with port 0 (Chrome refuses those).
      expect(answer.sdp.match(/^m=/gm)?.length).toBe(peer.offer.match(/^m=/gm)?.length)
      expect(answer.sdp).not.toMatch(/^m=(audio|video) 0 /m)
      // Its candidates are on the address media is served on (loopback in tests).
      const candidates = answer.sdp.split('\r\n').filter((l) => l.startsWith('a=candidate:'))
      expect(candidates.length).toBeGreaterThan(0)
      for (const c of candidates) expect(c.split(' ')[4]).toBe('127.0.0.1')
      await peer.pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp })

      // livekit-client offers again right after its first answer: id 2 is answered with id 2.
      await peer.pc.setLocalDescription(await peer.pc.createOffer())
      client.send({
        case: 'offer',
        value: new SessionDescription({ type: 'offer', sdp: peer.pc.localDescription!.sdp, id: 2 }),
      })
      const again = await client.next()
      expect(again.case).toBe('answer')
      expect((again.value as SessionDescription).id).toBe(2)
    } finally {
      await peer.pc.close()
    }
  })

  it('takes the client’s trickled candidates, ignores mDNS ones, and the peer connection connects', async () => {
    const peer = await clientPeer()
    try {
      const { client, identity } = await join('Dana', new SessionDescription({ type: 'offer', sdp: peer.offer, id: 1 }))
      await client.nextOf('join')
      const answer = await client.nextOf('answer')
      await peer.pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp })
      const trickle = (candidate: string) =>
        client.send({
          case: 'trickle',
          value: new TrickleRequest({
            candidateInit: JSON.stringify({ candidate, sdpMid: '0', sdpMLineIndex: 0 }),
            target: SignalTarget.PUBLISHER,
          }),
        })
      trickle('candidate:1 1 udp 2122260223 0b7c5e3a-1.local 50000 typ host')
      for (const c of peer.candidates) trickle(c)
      const transport = sfuInThisThread(server).rooms.get(`atrium-${session.id}`)!.participants.get(identity)!.transport
      if (!(transport instanceof SinglePeerTransport)) throw new Error(`joined on ${transport.path}`)
      const serverPeer = transport.peer
      await expect.poll(() => serverPeer.pc.connectionState, { timeout: 10_000, interval: 50 }).toBe('connected')
      const remote = serverPeer.pc.iceTransports[0]!.connection.remoteCandidates.map((c) => c.host)
      expect(remote).toContain('127.0.0.1')
      expect(remote.some((h) => h.endsWith('.local'))).toBe(false)
      expect(client.ws.readyState).toBe(client.ws.OPEN)
    } finally {
      await peer.pc.close()
    }
  })

  it('answers ping with pong and pingReq with pongResp carrying the same timestamp', async () => {
    const { client } = await join('Eli')
    await client.nextOf('join')
    client.send({ case: 'ping', value: 1234567n })
    const pong = await client.next()
    expect(pong).toEqual({ case: 'pong', value: 1234567n })
    const before = BigInt(Date.now())
    client.send({ case: 'pingReq', value: new Ping({ timestamp: 7654321n, rtt: 12n }) })
    const resp = await client.next()
    expect(resp.case).toBe('pongResp')
    const v = resp.value as { lastPingTimestamp: bigint; timestamp: bigint }
    expect(v.lastPingTimestamp).toBe(7654321n)
    expect(v.timestamp >= before && v.timestamp <= BigInt(Date.now())).toBe(true)
  })

  it('ignores subscribing to, unsubscribing from or pausing tracks it does not have, and carries on', async () => {
    const { client } = await join('Jo')
    await client.nextOf('join')
    client.send({
      case: 'subscription',
      value: new UpdateSubscription({
        trackSids: ['TR_nosuch', 'not a sid'],
        subscribe: false,
        participantTracks: [new ParticipantTracks({ participantSid: 'PA_nobody', trackSids: ['TR_nosuch'] })],
      }),
    })
    client.send({ case: 'subscription', value: new UpdateSubscription({ trackSids: ['TR_nosuch'], subscribe: true }) })
    client.send({ case: 'trackSetting', value: new UpdateTrackSettings({ trackSids: ['TR_nosuch'], disabled: true }) })
    client.send({ case: 'ping', value: 42n })
    expect(await client.nextOf('pong')).toBe(42n)
    // Nothing to renegotiate and no stream state for an unknown track.
    expect(client.received.map((m) => m.case)).not.toContain('mediaSectionsRequirement')
    expect(client.received.map((m) => m.case)).not.toContain('streamStateUpdate')
    expect(client.ws.readyState).toBe(client.ws.OPEN)
  })

  it('confirms a track announcement with trackPublished carrying the client’s cid and a TR_ sid', async () => {
    const { client } = await join('Finn', undefined, session.invites.teacher)
    await client.nextOf('join')
    client.send({
      case: 'addTrack',
      value: new AddTrackRequest({
        cid: 'local-mic-1',
        name: 'microphone',
        type: TrackType.AUDIO,
        source: TrackSource.MICROPHONE,
      }),
    })
    const m = await client.next()
    expect(m.case).toBe('trackPublished')
    const v = m.value as { cid: string; track: { sid: string; type: TrackType; source: TrackSource; mimeType: string } }
    expect(v.cid).toBe('local-mic-1')
    expect(v.track.sid).toMatch(/^TR_/)
    expect(v.track.type).toBe(TrackType.AUDIO)
    expect(v.track.source).toBe(TrackSource.MICROPHONE)
    expect(v.track.mimeType).toBe('audio/opus')
  })

  it('on leave closes the socket and tells the others the participant is disconnected', async () => {
    const s = await createSession(server.url)
    const a = await joinAs(server.url, s.id, s.invites.teacher, 'Gus')
    const b = await joinAs(server.url, s.id, s.invites.learner, 'Hana')
    const ca = await SignalClient.open(server.url, a.media.token)
    const cb = await SignalClient.open(server.url, b.media.token)
    open.push(ca, cb)
    await ca.nextOf('join')
    const jb = await cb.nextOf('join')
    await ca.nextOf('update')
    cb.send({
      case: 'leave',
      value: new LeaveRequest({
        canReconnect: false,
        reason: DisconnectReason.CLIENT_INITIATED,
        action: LeaveRequest_Action.DISCONNECT,
      }),
    })
    const gone = await ca.next()
    expect(gone.case).toBe('update')
    const info = (gone.value as { participants: { sid: string; state: ParticipantInfo_State }[] }).participants[0]!
    expect(info.sid).toBe(jb.participant!.sid)
    expect(info.state).toBe(ParticipantInfo_State.DISCONNECTED)
    expect((await cb.closed).code).toBe(1000)
  })

  it('answers a reconnecting join with leave{RECONNECT}, so the client rejoins in full', async () => {
    const j = await joinAs(server.url, session.id, session.invites.learner, 'Ivy')
    const url = new URL('/rtc/v1', server.url.replace(/^http/, 'ws'))
    const { JoinRequest, WrappedJoinRequest } = await import('@livekit/protocol')
    const wrapped = new WrappedJoinRequest({
      joinRequest: new JoinRequest({ reconnect: true, participantSid: 'PA_gone' }).toBinary(),
    })
    url.searchParams.set('access_token', j.media.token)
    url.searchParams.set('join_request', Buffer.from(wrapped.toBinary()).toString('base64url'))
    const { default: WebSocket } = await import('ws')
    const { SignalResponse } = await import('@livekit/protocol')
    const ws = new WebSocket(url)
    const first = await new Promise<InstanceType<typeof SignalResponse>>((resolve, reject) => {
      ws.once('message', (d: Buffer) => resolve(SignalResponse.fromBinary(new Uint8Array(d))))
      ws.once('error', reject)
    })
    expect(first.message.case).toBe('leave')
    expect((first.message.value as LeaveRequest).action).toBe(LeaveRequest_Action.RECONNECT)
    ws.close()
  })

  it('resumes a participant whose socket dropped: ReconnectResponse, then everyone as they are; nobody sees it leave', async () => {
    const ji = await joinAs(server.url, session.id, session.invites.learner, 'Iris')
    const jj = await joinAs(server.url, session.id, session.invites.learner, 'Jo')
    const iris = await SignalClient.open(server.url, ji.media.token)
    open.push(iris)
    const irisSid = (await iris.nextOf('join')).participant!.sid
    const jo = await SignalClient.open(server.url, jj.media.token)
    open.push(jo)
    await jo.nextOf('join')

    expect(await server.atrium.sfu!.dropSignal(`atrium-${session.id}`, ji.participant.identity)).toBe(true)
    await iris.closed
    const again = await SignalClient.open(server.url, ji.media.token, { resume: irisSid })
    open.push(again)
    const first = await again.next()
    expect(first.case).toBe('reconnect')
    const everyone = await again.nextOf('update')
    expect(everyone.participants.map((p) => p.name)).toContain('Jo')
    expect(again.received.map((m) => m.case)).not.toContain('join')

    await new Promise((r) => setTimeout(r, 500))
    const irisLeft = jo.received.some(
      (m) =>
        m.case === 'update' &&
        m.value.participants.some((p) => p.sid === irisSid && p.state === ParticipantInfo_State.DISCONNECTED),
    )
    expect(irisLeft).toBe(false)
    expect(again.received.map((m) => m.case)).not.toContain('leave')
  })
})
