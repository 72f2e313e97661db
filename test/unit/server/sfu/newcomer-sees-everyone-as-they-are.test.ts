/**
 * A newcomer's JoinResponse and everyone's participant updates carry each participant's info
 * encoded once, when it last changed (signal-codec.ts, SfuParticipant.infoBytes). What a user
 * would notice if that went stale: someone who joins after the teacher muted, was renamed or
 * published sees the teacher as they were. A tiny signal client over a real WebSocket against a
 * real server, with a werift peer connection where media is published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RTCPeerConnection } from 'werift'
import { RoomServiceClient } from 'livekit-server-sdk'
import {
  AddTrackRequest,
  JoinResponse,
  MuteTrackRequest,
  ParticipantInfo,
  ParticipantUpdate,
  SessionDescription,
  SignalResponse,
  TrackInfo,
  TrackSource,
  TrackType,
} from '@livekit/protocol'
import { startTestServer, type TestServer } from '../../../helpers/server.ts'
import { createSession, joinAs } from '../../../helpers/api.ts'
import { embeddedSfuKeys } from '../../../helpers/tokens.ts'
import { SignalClient, clientPeer } from '../../../helpers/signal-client.ts'
import { encodeJoinResponse, encodeParticipantUpdate } from '../../../../server/media/sfu/signal-codec.ts'

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

async function enter(sessionId: string, invite: string, name: string) {
  const j = await joinAs(server.url, sessionId, invite, name)
  const client = await SignalClient.open(server.url, j.media.token, { path: '/rtc' })
  open.push(client)
  return { client, identity: j.participant.identity, join: await client.nextOf('join') }
}

/** Publishes a microphone as livekit-client does: announce it, then offer its section. */
async function publishMicrophone(client: SignalClient): Promise<string> {
  client.send({
    case: 'addTrack',
    value: new AddTrackRequest({ cid: 'mic', name: 'mic', type: TrackType.AUDIO, source: TrackSource.MICROPHONE }),
  })
  const sid = (await client.nextOf('trackPublished')).track!.sid
  const { pc } = await clientPeer({ send: [] })
  peers.push(pc)
  pc.addTransceiver('audio', { direction: 'sendonly' })
  await pc.setLocalDescription(await pc.createOffer())
  client.send({ case: 'offer', value: new SessionDescription({ type: 'offer', sdp: pc.localDescription!.sdp, id: 1 }) })
  await pc.setRemoteDescription({ type: 'answer', sdp: (await client.nextOf('answer')).sdp })
  return sid
}

const teacherIn = (join: JoinResponse, identity: string) => join.otherParticipants.find((p) => p.identity === identity)

describe('a newcomer', () => {
  it('sees the teacher as the teacher is now: published, then muted, then renamed with new metadata', async () => {
    const s = await createSession(server.url)
    const teacher = await enter(s.id, s.invites.teacher, 'Ms. Li')
    // Someone already in, who must hear each change too.
    const ann = await enter(s.id, s.invites.learner, 'Ann')
    expect(teacherIn(ann.join, teacher.identity)?.tracks).toEqual([])

    const mic = await publishMicrophone(teacher.client)
    const published = await ann.client.nextOf('update')
    expect(published.participants[0]?.tracks.map((t) => [t.sid, t.muted])).toEqual([[mic, false]])
    const ben = await enter(s.id, s.invites.learner, 'Ben')
    expect(teacherIn(ben.join, teacher.identity)?.tracks.map((t) => [t.sid, t.muted])).toEqual([[mic, false]])

    teacher.client.send({ case: 'mute', value: new MuteTrackRequest({ sid: mic, muted: true }) })
    let muted = await ann.client.nextOf('update')
    while (muted.participants[0]?.identity !== teacher.identity) muted = await ann.client.nextOf('update')
    expect(muted.participants[0]?.tracks[0]?.muted).toBe(true)
    const cai = await enter(s.id, s.invites.learner, 'Cai')
    expect(teacherIn(cai.join, teacher.identity)?.tracks[0]?.muted).toBe(true)
    expect(teacherIn(cai.join, teacher.identity)?.version).toBe(muted.participants[0]?.version)

    const { apiKey, apiSecret } = embeddedSfuKeys(server.dataDir)
    const rooms = new RoomServiceClient(server.url, apiKey, apiSecret)
    await rooms.updateParticipant(`atrium-${s.id}`, teacher.identity, { metadata: '{"hand":"up"}', name: 'Prof. Li' })
    const dan = await enter(s.id, s.invites.learner, 'Dan')
    const seen = teacherIn(dan.join, teacher.identity)
    expect([seen?.name, seen?.metadata]).toEqual(['Prof. Li', '{"hand":"up"}'])
    // Everyone else in the room, each once, as they are.
    expect(dan.join.otherParticipants.map((p) => p.name).sort()).toEqual(['Ann', 'Ben', 'Cai', 'Prof. Li'])
  }, 30_000)
})

describe('frames built from encoded participant infos', () => {
  const info = (i: number, metadata = '') =>
    new ParticipantInfo({
      sid: `PA_${i}`,
      identity: `learner-${i}`,
      name: `Learner ${i}`,
      metadata,
      joinedAtMs: BigInt(1_765_000_000_000 + i),
      tracks: [new TrackInfo({ sid: `TR_${i}`, type: TrackType.AUDIO, muted: i % 2 === 0 })],
    })
  // Lengths that take one, two and three bytes to write.
  const others = [info(1), info(2, 'x'.repeat(200)), info(3, '学'.repeat(8_000))]

  it('decode to the JoinResponse that lists the same participants', () => {
    const join = new JoinResponse({ participant: info(0), serverVersion: '1.9.0', pingInterval: 5 })
    const frame = encodeJoinResponse(
      join,
      others.map((o) => o.toBinary()),
    )
    const expected = new SignalResponse({
      message: { case: 'join', value: new JoinResponse({ ...join, otherParticipants: others }) },
    })
    expect(SignalResponse.fromBinary(frame).equals(expected)).toBe(true)
  })

  it('decode to the ParticipantUpdate of the same participants, and of none', () => {
    const frame = encodeParticipantUpdate(others.map((o) => o.toBinary()))
    const expected = new SignalResponse({
      message: { case: 'update', value: new ParticipantUpdate({ participants: others }) },
    })
    expect(SignalResponse.fromBinary(frame).equals(expected)).toBe(true)
    expect(SignalResponse.fromBinary(encodeParticipantUpdate([])).message.case).toBe('update')
  })
})
