/**
 * ATRIUM_RTC_PORTS with one port: every peer connection of the embedded SFU, on `/rtc/v1` and
 * on the classic `/rtc` (two each), receives and sends on one UDP socket, which routes by ICE
 * ufrag and then by source address, drops what no connection asked for, forgets a connection's
 * routes when it closes and closes with the server. Real werift peers on the client side, a real
 * server in this process, real UDP on loopback. (That the server holds no other UDP socket is
 * checked on a server process of its own: one-udp-port-is-the-only-media-socket.test.ts.)
 */
import dgram from 'node:dgram'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RTCPeerConnection } from 'werift'
import {
  DataPacket,
  DataPacket_Kind,
  LeaveRequest,
  LeaveRequest_Action,
  SessionDescription,
  UserPacket,
} from '@livekit/protocol'
import { sfuInThisThread, startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { SignalClient, clientSubscriber, joinV1 } from '../../helpers/signal-client.ts'
import { SyntheticParticipant } from '../../../bench/media/synthetic-participant.ts'
import { Pacer } from '../../../bench/media/synthetic-media.ts'
import { openUdpMuxes } from '../../../server/media/sfu/udp-mux.ts'
import { TwoPeerTransport } from '../../../server/media/sfu/two-peer-transport.ts'
import type { CreateSessionResponse } from '#common/api/sessions.ts'
import { freeUdpPort } from '../../helpers/server-process.ts'

let server: TestServer
let session: CreateSessionResponse
let port: number
const pacer = new Pacer()
const clientPcs: RTCPeerConnection[] = []
const sockets: SignalClient[] = []

/** The ports of a client peer's sockets (an offer without BUNDLE gathers on a socket per section). */
function localPorts(pc: RTCPeerConnection): number[] {
  const current = pc.iceTransports.flatMap((t) => t.connection.localCandidates.map((c) => c.port))
  return [...new Set([...current, ...candidatePorts(pc.localDescription?.sdp ?? '')])]
}

function aPc(): RTCPeerConnection {
  return (a as unknown as { pc: RTCPeerConnection }).pc
}

function portOf(source: string): number {
  return Number(source.split(':')[1])
}

function candidatePorts(sdp: string): number[] {
  return sdp
    .split('\r\n')
    .filter((l) => l.startsWith('a=candidate:'))
    .map((l) => Number(l.split(' ')[5]))
}

/** Counts RTP packets of every track the connection receives (werift reports a track again on renegotiation). */
function countRtp(pc: RTCPeerConnection): { packets: number } {
  const counter = { packets: 0 }
  const seen = new Set<unknown>()
  pc.onTrack.subscribe((track) => {
    if (seen.has(track)) return
    seen.add(track)
    track.onReceiveRtp.subscribe(() => counter.packets++)
  })
  return counter
}

async function grows(counter: { packets: number }, by = 20): Promise<void> {
  const from = counter.packets
  await expect.poll(() => counter.packets, { timeout: 10_000, interval: 50 }).toBeGreaterThan(from + by)
}

async function routes() {
  const muxes = await openUdpMuxes()
  return muxes.filter((m) => m.key === `127.0.0.1:${port}`)
}

let a: SyntheticParticipant
let b: { pc: RTCPeerConnection; client: SignalClient; rtp: { packets: number }; identity: string; answerSdp: string }
let c: {
  client: SignalClient
  sub: RTCPeerConnection
  pub: RTCPeerConnection
  rtp: { packets: number }
  data: string[]
  identity: string
  offerSdp: string
  answerSdp: string
}

beforeAll(async () => {
  port = await freeUdpPort()
  // In the main thread, where the test can read the mux's routes.
  server = await startTestServer({ ATRIUM_RTC_PORTS: String(port), ATRIUM_SFU_THREADS: '0' })
  session = await createSession(server.url)
})
afterAll(async () => {
  pacer.stop()
  for (const s of sockets) s.close()
  await a?.close()
  await Promise.all(clientPcs.map((pc) => pc.close().catch(() => undefined)))
  await server?.cleanup()
})

describe('one UDP port for every media connection (ATRIUM_RTC_PORTS=<port>)', () => {
  it('carries a camera to a /rtc/v1 and a classic /rtc participant, and data between them, on that one port', async () => {
    // A (/rtc/v1) publishes a synthetic camera.
    const teacher = await joinAs(server.url, session.id, session.invites.teacher, 'Ms. Li')
    a = await SyntheticParticipant.join(server.url, teacher.media.token, pacer)
    await a.publish({ kind: 'camera', pps: 100, fps: 20 })

    // B (/rtc/v1) joins and gets A's camera on its join answer.
    const bJoin = await joinAs(server.url, session.id, session.invites.learner, 'Wang Fang')
    let bRtp = { packets: 0 }
    const bPeer = await joinV1(server.url, bJoin.media.token, (pc) => (bRtp = countRtp(pc)))
    clientPcs.push(bPeer.pc)
    sockets.push(bPeer.client)
    b = {
      pc: bPeer.pc,
      client: bPeer.client,
      rtp: bRtp,
      identity: bJoin.participant.identity,
      answerSdp: bPeer.answer.sdp,
    }

    // C (classic /rtc): the subscriber connection the server offers, then a publisher connection.
    const cJoin = await joinAs(server.url, session.id, session.invites.learner, 'Cleo')
    const cClient = await SignalClient.open(server.url, cJoin.media.token, { path: '/rtc' })
    sockets.push(cClient)
    await cClient.nextOf('join')
    const cOffer = await cClient.nextOf('offer')
    const sub = await clientSubscriber()
    clientPcs.push(sub.pc)
    const cRtp = countRtp(sub.pc)
    const data: string[] = []
    sub.pc.onDataChannel.subscribe((channel) =>
      channel.onMessage.subscribe((bytes) => {
        const packet = DataPacket.fromBinary(new Uint8Array(bytes as Buffer))
        if (packet.value.case === 'user')
          data.push(`${packet.participantIdentity}: ${new TextDecoder().decode(packet.value.value.payload)}`)
      }),
    )
    await cClient.answerSubscriberOffer(cOffer, sub)
    const pub = await cClient.publishClassicMicrophone()
    clientPcs.push(pub.pc)
    c = {
      client: cClient,
      sub: sub.pc,
      pub: pub.pc,
      rtp: cRtp,
      data,
      identity: cJoin.participant.identity,
      offerSdp: cOffer.sdp,
      answerSdp: pub.answerSdp,
    }

    // Every candidate the server gave is on the one port.
    for (const sdp of [b.answerSdp, c.offerSdp, c.answerSdp]) {
      expect(candidatePorts(sdp).length).toBeGreaterThan(0)
      for (const p of candidatePorts(sdp)) expect(p).toBe(port)
    }

    // Media reaches both kinds of participant, and every connection is up.
    await grows(b.rtp)
    await grows(c.rtp)
    for (const pc of [b.pc, c.sub, c.pub])
      await expect.poll(() => pc.connectionState, { timeout: 10_000, interval: 50 }).toBe('connected')
    const classic = sfuInThisThread(server).rooms.get(`atrium-${session.id}`)!.participants.get(c.identity)!.transport
    expect(classic).toBeInstanceOf(TwoPeerTransport)
    await expect
      .poll(() => (classic as TwoPeerTransport).publisher.pc.connectionState, { timeout: 10_000, interval: 50 })
      .toBe('connected')

    // B's data reaches C on the server's channel of C's subscriber connection.
    await expect.poll(() => b.pc.sctpTransport?.channelByLabel('_reliable')?.readyState).toBe('open')
    const hello = new DataPacket({
      kind: DataPacket_Kind.RELIABLE,
      value: { case: 'user', value: new UserPacket({ payload: new TextEncoder().encode('hello C'), topic: 'chat' }) },
    })
    b.pc.sctpTransport!.channelByLabel('_reliable')!.send(Buffer.from(hello.toBinary()))
    await expect.poll(() => c.data, { timeout: 10_000 }).toContain(`${b.identity}: hello C`)

    // Four server connections (A, B, C's two), each reached from its client peer's sockets.
    const [mux] = await routes()
    expect(mux?.ufrags).toBe(4)
    for (const pc of [aPc(), b.pc, c.sub, c.pub])
      expect(mux?.sources.some((s) => localPorts(pc).includes(portOf(s)))).toBe(true)
  })

  it('drops garbage and STUN for unknown connections on the port, and media carries on', async () => {
    const routed = async () => (await routes()).map(({ ufrags, sources }) => ({ ufrags, sources }))
    const before = await routed()
    const stranger = dgram.createSocket('udp4')
    const replies: Buffer[] = []
    stranger.on('message', (m) => replies.push(m))
    await new Promise<void>((resolve) => stranger.bind(0, '127.0.0.1', () => resolve()))
    const send = (bytes: Buffer) => stranger.send(bytes, port, '127.0.0.1')
    try {
      for (let i = 0; i < 50; i++)
        send(Buffer.from(Array.from({ length: 20 + i * 7 }, (_, j) => (i * 31 + j * 17) % 256)))
      // DTLS- and RTP-looking packets from a source no STUN request introduced.
      send(Buffer.from([22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 1, 0, 0, 20]))
      send(Buffer.concat([Buffer.from([0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2]), Buffer.alloc(100)]))
      // Binding requests naming no connection of the server, one without USERNAME, one truncated.
      send(bindingRequest('nosuchufrag:client'))
      send(bindingRequest(`${'f'.repeat(16)}:client`))
      send(bindingRequest(undefined))
      send(bindingRequest('abcd:efgh').subarray(0, 26))

      await grows(b.rtp)
      await grows(c.rtp)
      expect(await routed()).toEqual(before)
      expect(replies).toEqual([])
      for (const pc of [b.pc, c.sub, c.pub]) expect(pc.connectionState).toBe('connected')
    } finally {
      stranger.close()
    }
  })

  it('removes a participant’s routes when it leaves', async () => {
    c.client.send({
      case: 'leave',
      value: new LeaveRequest({ action: LeaveRequest_Action.DISCONNECT }),
    })
    const cPorts = [c.sub, c.pub].flatMap(localPorts)
    const fromC = (m: Awaited<ReturnType<typeof routes>>) => m[0]?.sources.filter((s) => cPorts.includes(portOf(s)))
    expect(fromC(await routes())?.length).toBeGreaterThan(0)
    await expect.poll(async () => (await routes())[0]?.ufrags, { timeout: 10_000, interval: 100 }).toBe(2)
    expect(fromC(await routes())).toEqual([])
    await grows(b.rtp)
  })

  it('routes the new ufrag of an ICE restart to the same connection', async () => {
    const ufragOf = (sdp: string) => /^a=ice-ufrag:(\S+)$/m.exec(sdp)?.[1]
    b.pc.restartIce()
    await b.pc.setLocalDescription(await b.pc.createOffer())
    await expect.poll(() => b.pc.iceGatheringState, { timeout: 5000, interval: 20 }).toBe('complete')
    b.client.send({
      case: 'offer',
      value: new SessionDescription({ type: 'offer', sdp: b.pc.localDescription!.sdp, id: 2 }),
    })
    const answer = await b.client.nextOf('answer')
    const ufrag = ufragOf(answer.sdp)!
    expect(ufrag).not.toBe(ufragOf(b.answerSdp))
    for (const p of candidatePorts(answer.sdp)) expect(p).toBe(port)
    // The old ufrag stays routed until the connection closes.
    expect((await routes())[0]?.ufrags).toBe(3)
    // werift does not run its checks again after a restart (with a port range neither), so the
    // routing is checked with a binding request naming the new ufrag: B's connection answers it.
    const probe = dgram.createSocket('udp4')
    const replies: Buffer[] = []
    probe.on('message', (m) => replies.push(m))
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', () => resolve()))
    try {
      probe.send(bindingRequest(`${ufrag}:probe`), port, '127.0.0.1')
      await expect.poll(() => replies.length, { timeout: 5000, interval: 20 }).toBeGreaterThan(0)
      expect(replies[0]!.readUInt16BE(0) & 0x0110).not.toBe(0)
      expect((await routes())[0]?.sources).toContain(`127.0.0.1:${probe.address().port}`)
    } finally {
      probe.close()
    }
  })

  it('closes the socket with the server', async () => {
    await server.stop()
    await expect.poll(async () => await routes(), { timeout: 10_000, interval: 100 }).toEqual([])
    // The port is free again: anyone may bind it.
    const after = dgram.createSocket('udp4')
    await new Promise<void>((resolve, reject) => {
      after.once('error', reject)
      after.bind(port, '127.0.0.1', () => resolve())
    })
    after.close()
  })
})

/** A STUN binding request (RFC 5389 header) with an optional USERNAME attribute. */
function bindingRequest(username: string | undefined): Buffer {
  const header = Buffer.alloc(20)
  header.writeUInt16BE(0x0001, 0)
  header.writeUInt32BE(0x2112a442, 4)
  Buffer.from('0123456789ab').copy(header, 8)
  if (username === undefined) return header
  const value = Buffer.from(username)
  const attribute = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4)
  attribute.writeUInt16BE(0x0006, 0)
  attribute.writeUInt16BE(value.length, 2)
  value.copy(attribute, 4)
  header.writeUInt16BE(attribute.length, 2)
  return Buffer.concat([header, attribute])
}
