/**
 * A tiny LiveKit signal client for tests: opens `/rtc/v1` on a real server over a real WebSocket
 * with a join request packed as livekit-client packs it (gzipped WrappedJoinRequest in the URL),
 * or the classic `/rtc` with the query livekit-client sends there, sends `SignalRequest`s and
 * waits, bounded, for the `SignalResponse`s that come back.
 */
import { gzipSync } from 'node:zlib'
import WebSocket from 'ws'
import {
  AddTrackRequest,
  SessionDescription,
  SignalTarget,
  TrackSource,
  TrackType,
  TrickleRequest,
  ClientInfo,
  ClientInfo_SDK,
  ConnectionSettings,
  JoinRequest,
  SignalRequest,
  SignalResponse,
  WrappedJoinRequest,
  WrappedJoinRequest_Compression,
} from '@livekit/protocol'
import * as werift from 'werift'
import { RTCPeerConnection } from 'werift'
import { fixWerift } from '../../server/media/sfu/werift-defaults.ts'
import { keepEarlyDtlsPackets } from '../../server/media/sfu/dtls-start.ts'
import { LOOPBACK_PEER } from './werift-peers.ts'

// The test clients' werift behaves as browsers do: DTLS and ICE without werift's waits, and a
// DTLS hello that arrives before their DTLS starts kept for it (see werift-defaults.ts).
fixWerift(werift)

export type ResponseCase = NonNullable<SignalResponse['message']['case']>
export type ResponseOf<C extends ResponseCase> = Extract<SignalResponse['message'], { case: C }>['value']

export interface JoinOptions {
  /** The first offer, carried inside the join request as livekit-client 2.23 does (`/rtc/v1` only). */
  offer?: SessionDescription
  gzip?: boolean
  path?: '/rtc/v1' | '/rtc'
  /** Send the token as `Authorization: Bearer`, as the native SDKs do, instead of in the query. */
  bearer?: boolean
  /** More query parameters (the classic path's `reconnect=1`, say). */
  query?: Record<string, string>
  /** Reconnect as this participant (livekit-client's resume after its socket dropped), on either path. */
  resume?: string
  /**
   * Only these kinds of response are decoded; the others are kept as their kind alone (`value`
   * undefined). The benchmark's thirty learners read four kinds, and decoding everyone's
   * participant updates in a class joining at once was 7% of the benchmark's CPU there, taken
   * from the same cores as the server's.
   */
  decode?: readonly ResponseCase[]
}

/** The kind of a SignalResponse frame, from its first field's key (the frame is one field of the oneof). */
export function responseCase(frame: Uint8Array): ResponseCase | undefined {
  let key = 0
  for (let i = 0, shift = 0; i < frame.length && i < 5; i++, shift += 7) {
    key |= (frame[i]! & 0x7f) << shift
    if (frame[i]! < 0x80) return SignalResponse.fields.find(key >>> 3)?.localName as ResponseCase | undefined
  }
  return undefined
}

/** The `join_request` query parameter: base64url of a WrappedJoinRequest. */
export function joinRequestParam(offer?: SessionDescription, gzip = true, resume?: string): string {
  const join = new JoinRequest({
    clientInfo: new ClientInfo({ sdk: ClientInfo_SDK.JS, version: '2.23.0', protocol: 17, clientProtocol: 2 }),
    connectionSettings: new ConnectionSettings({ autoSubscribe: true }),
    publisherOffer: offer,
    ...(resume ? { reconnect: true, participantSid: resume } : {}),
  })
  const bytes = join.toBinary()
  const wrapped = new WrappedJoinRequest({
    joinRequest: gzip ? new Uint8Array(gzipSync(bytes)) : bytes,
    compression: gzip ? WrappedJoinRequest_Compression.GZIP : WrappedJoinRequest_Compression.NONE,
  })
  return Buffer.from(wrapped.toBinary()).toString('base64url')
}

/** What livekit-client 2.23 puts in the query of the classic path besides the token. */
const CLASSIC_QUERY = { auto_subscribe: '1', sdk: 'js', version: '2.23.0', protocol: '17', client_protocol: '2' }

export class SignalClient {
  /** Every response received, in order. */
  readonly received: SignalResponse['message'][] = []
  readonly closed: Promise<{ code: number; reason: string }>
  private waiters: (() => void)[] = []
  private cursor = 0

  private constructor(
    readonly ws: WebSocket,
    decode?: readonly ResponseCase[],
  ) {
    ws.on('message', (data: Buffer) => {
      const frame = new Uint8Array(data)
      const kind = decode && responseCase(frame)
      this.received.push(
        kind && !decode.includes(kind)
          ? ({ case: kind, value: undefined } as unknown as SignalResponse['message'])
          : SignalResponse.fromBinary(frame).message,
      )
      for (const w of this.waiters.splice(0)) w()
    })
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() })
        for (const w of this.waiters.splice(0)) w()
      })
    })
  }

  /** Opens the signal socket; rejects with the HTTP status when the upgrade is refused. */
  static open(serverUrl: string, token: string, options: JoinOptions = {}): Promise<SignalClient> {
    const path = options.path ?? '/rtc/v1'
    const url = new URL(path, serverUrl.replace(/^http/, 'ws'))
    if (!options.bearer) url.searchParams.set('access_token', token)
    if (path === '/rtc/v1') {
      url.searchParams.set('join_request', joinRequestParam(options.offer, options.gzip ?? true, options.resume))
    } else {
      for (const [k, v] of Object.entries(CLASSIC_QUERY)) url.searchParams.set(k, v)
      if (options.resume) {
        url.searchParams.set('reconnect', '1')
        url.searchParams.set('sid', options.resume)
      }
    }
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v)
    const ws = new WebSocket(url, options.bearer ? { headers: { authorization: `Bearer ${token}` } } : {})
    const client = new SignalClient(ws, options.decode)
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client))
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
      ws.once('error', reject)
    })
  }

  send(message: SignalRequest['message']): void {
    this.ws.send(new SignalRequest({ message }).toBinary())
  }

  /** Trickles candidates to one of the connections, on its first section as livekit-client does. */
  trickle(candidates: readonly string[], target: SignalTarget): void {
    for (const candidate of candidates)
      this.send({
        case: 'trickle',
        value: new TrickleRequest({
          candidateInit: JSON.stringify({ candidate, sdpMid: '0', sdpMLineIndex: 0 }),
          target,
        }),
      })
  }

  /** Answers a server offer with a classic client's subscriber connection, then trickles its candidates. */
  /** `unnumbered`: the answer carries id 0, as the native SDKs send it. */
  async answerSubscriberOffer(
    offer: SessionDescription,
    sub: ClientSubscriber,
    o: { unnumbered?: boolean } = {},
  ): Promise<void> {
    const { sdp, candidates } = await sub.answer(offer.sdp)
    const id = o.unnumbered ? 0 : offer.id
    this.send({ case: 'answer', value: new SessionDescription({ type: 'answer', sdp, id }) })
    this.trickle(candidates, SignalTarget.SUBSCRIBER)
  }

  /**
   * Publishes a microphone as a classic client does: addTrack, then the first offer of a publisher
   * connection. Returns that connection and the server's answer.
   */
  async publishClassicMicrophone(): Promise<{ pc: RTCPeerConnection; answerSdp: string }> {
    this.send({
      case: 'addTrack',
      value: new AddTrackRequest({ cid: 'mic-1', name: 'mic', type: TrackType.AUDIO, source: TrackSource.MICROPHONE }),
    })
    await this.nextOf('trackPublished')
    const pub = await clientPeer({ send: ['audio'] })
    this.send({ case: 'offer', value: new SessionDescription({ type: 'offer', sdp: pub.offer, id: 1 }) })
    const answer = await this.nextOf('answer')
    await pub.pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp })
    this.trickle(pub.candidates, SignalTarget.PUBLISHER)
    return { pc: pub.pc, answerSdp: answer.sdp }
  }

  sendRaw(bytes: Uint8Array | string): void {
    this.ws.send(bytes)
  }

  /**
   * The next response not yet taken, whatever it is (bounded wait). Tests that assert the exact
   * sequence of messages take them one by one with this.
   */
  async next(timeoutMs = 5000): Promise<SignalResponse['message']> {
    const deadline = Date.now() + timeoutMs
    while (this.cursor >= this.received.length) {
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error('signal socket closed while waiting')
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no signal response within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
    return this.received[this.cursor++]!
  }

  /** The next response of one kind, skipping (and keeping in `received`) any others. */
  async nextOf<C extends ResponseCase>(kind: C, timeoutMs = 5000): Promise<ResponseOf<C>> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const m = await this.next(Math.max(1, deadline - Date.now()))
      if (m.case === kind) return m.value as ResponseOf<C>
    }
  }

  close(): void {
    this.ws.close()
  }
}

function loopbackPeer(): RTCPeerConnection {
  return keepEarlyDtlsPackets(new RTCPeerConnection(LOOPBACK_PEER))
}

/**
 * The local description once gathered, split as browsers send it: the SDP without candidates,
 * and the candidates (`candidate:…` lines), which are trickled.
 */
async function gatheredDescription(pc: RTCPeerConnection): Promise<{ sdp: string; candidates: string[] }> {
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 3000)
      pc.iceGatheringStateChange.subscribe((s) => {
        if (s === 'complete') {
          clearTimeout(t)
          resolve()
        }
      })
    })
  }
  const lines = pc.localDescription!.sdp.split('\r\n')
  const candidates = lines.filter((l) => l.startsWith('a=candidate:')).map((l) => l.slice(2))
  const sdp = lines.filter((l) => !l.startsWith('a=candidate:') && l !== 'a=end-of-candidates').join('\r\n')
  return { sdp, candidates: [...new Set(candidates)] }
}

/**
 * A werift peer connection on the client side, laid out as livekit-client lays out its first
 * offer (receive-only audio and video sections and a data section), bound to loopback. With
 * `send`, it is a classic publisher connection instead: one send-only section per kind named.
 */
export async function clientPeer(
  layout: { send?: ('audio' | 'video')[] } = {},
): Promise<{ pc: RTCPeerConnection; offer: string; candidates: string[] }> {
  const pc = loopbackPeer()
  if (layout.send) {
    for (const kind of layout.send) pc.addTransceiver(kind, { direction: 'sendonly' })
  } else {
    pc.addTransceiver('audio', { direction: 'recvonly' })
    pc.addTransceiver('video', { direction: 'recvonly' })
  }
  pc.createDataChannel('_reliable')
  await pc.setLocalDescription(await pc.createOffer())
  const { sdp, candidates } = await gatheredDescription(pc)
  return { pc, offer: sdp, candidates }
}

/**
 * A `/rtc/v1` client joining as livekit-client does: its first offer (laid out by `clientPeer`)
 * inside the join request, the server's answer applied, its candidates trickled. `onPeer` sees the
 * connection before the answer, to watch for the tracks it brings.
 */
export async function joinV1(
  serverUrl: string,
  token: string,
  onPeer?: (pc: RTCPeerConnection) => void,
): Promise<{ pc: RTCPeerConnection; client: SignalClient; answer: ResponseOf<'answer'> }> {
  const peer = await clientPeer()
  onPeer?.(peer.pc)
  const client = await SignalClient.open(serverUrl, token, {
    offer: new SessionDescription({ type: 'offer', sdp: peer.offer, id: 1 }),
  })
  const answer = await client.nextOf('answer')
  await peer.pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp })
  client.trickle(peer.candidates, SignalTarget.PUBLISHER)
  return { pc: peer.pc, client, answer }
}

export interface ClientSubscriber {
  pc: RTCPeerConnection
  answer(offerSdp: string): Promise<{ sdp: string; candidates: string[] }>
}

/** A classic client's subscriber connection: answers the server's offer (candidates apart, to trickle). */
export async function clientSubscriber(): Promise<ClientSubscriber> {
  const pc = loopbackPeer()
  return {
    pc,
    async answer(offerSdp) {
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp })
      await pc.setLocalDescription(await pc.createAnswer())
      return gatheredDescription(pc)
    },
  }
}
