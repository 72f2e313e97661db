/**
 * A participant without a browser: a werift peer connection driven by LiveKit v1 signalling the
 * way livekit-client drives it (first offer inside the join, three receive-only audio and video
 * sections, a new offer whenever the server asks with `mediaSectionsRequirement`, `addTrack`
 * then a new offer to publish). It receives everything it is subscribed to and counts the RTP
 * packets and sequence gaps (werift until the first video packet, then at the network layer,
 * network-counter.ts), and may publish a synthetic microphone or camera (synthetic-media.ts).
 * It does not decode: it stands in for the network side of a participant.
 */
import * as werift from 'werift'
import {
  MediaStream,
  MediaStreamTrack,
  RTCPeerConnection,
  useAbsSendTime,
  useAudioLevelIndication,
  useSdesMid,
  type RTCRtpTransceiver,
} from 'werift'
import { AddTrackRequest, SessionDescription, TrackSource, TrackType } from '@livekit/protocol'
import { SignalClient } from '../../test/helpers/signal-client.ts'
import { LOOPBACK_PEER } from '../../test/helpers/werift-peers.ts'
import { fixWerift, withServerDefaults } from '../../server/media/sfu/werift-defaults.ts'
import { NetworkCounter } from './network-counter.ts'
import { SyntheticSource, type Pacer, type SourceSpec } from './synthetic-media.ts'

/** Moments of the join (ms since `startedAt`), for BENCH_DEBUG. */
export type Mark = 'signal' | 'join' | 'answer' | 'ice' | 'connected' | 'rtp' | 'video'

export class SyntheticParticipant {
  /** When it began to connect (its offer already made: see `prepare`). */
  startedAt = performance.now()
  firstVideoAt: number | undefined
  readonly counter = new NetworkCounter()
  readonly sources: SyntheticSource[] = []
  private readonly marks = new Map<Mark, number>()
  private offerId = 1
  private firstOffer = ''
  private client: SignalClient | undefined
  private wanted = false
  private offering = false
  private readonly published = new Map<string, () => void>()
  private connected: () => void = () => {}
  /**
   * The peer connection is up: livekit-client's `connect()` resolves only then. It needs the
   * server's answer, which comes after the JoinResponse (livekit-client sends nothing before that).
   */
  private readonly connectedPromise = new Promise<void>((resolve) => (this.connected = resolve))

  private constructor(
    private readonly pc: RTCPeerConnection,
    private readonly pacer: Pacer,
  ) {
    const seen = new Set<unknown>()
    pc.iceConnectionStateChange.subscribe((s) => s === 'connected' && this.mark('ice'))
    pc.connectionStateChange.subscribe((s) => {
      if (s !== 'connected') return
      this.mark('connected')
      this.connected()
    })
    pc.onTrack.subscribe((track) => {
      // werift reports a track again on every renegotiation: count its packets once.
      if (seen.has(track)) return
      seen.add(track)
      track.onReceiveRtp.subscribe((rtp) => {
        this.mark('rtp')
        this.counter.record(rtp.header.ssrc, rtp.header.sequenceNumber)
        if (track.kind !== 'video' || this.firstVideoAt !== undefined) return
        this.firstVideoAt = performance.now()
        this.mark('video')
        // From here on the packets are counted without werift decrypting and routing them.
        this.counter.attach(pc)
      })
    })
  }

  /** Joins with `token` and keeps answering the server until closed. */
  static async join(serverUrl: string, token: string, pacer: Pacer): Promise<SyntheticParticipant> {
    const p = await SyntheticParticipant.prepare(pacer)
    await p.connect(serverUrl, token)
    return p
  }

  /**
   * Makes the connection and its first offer, without contacting the server. A real learner's
   * device makes its own offer in a few milliseconds; the benchmark's one process making two
   * dozen at once took about 0.7 s, so they are made before the class joins and the join clock
   * starts at `connect`.
   */
  static async prepare(pacer: Pacer): Promise<SyntheticParticipant> {
    // The SFU's werift fixes serve a werift client as well (werift-defaults.ts: no STUN lookup,
    // DTLS without werift's waits or cookie, the crypto done once or natively): 26 clients in this
    // one process stand in for 26 machines, each with a browser that has none of those delays.
    fixWerift(werift)
    const pc = withServerDefaults(
      new RTCPeerConnection({
        ...LOOPBACK_PEER,
        // As livekit-client: one transport for every section (werift's default gathers one per section).
        bundlePolicy: 'max-bundle',
        // What Chrome offers, so the server writes the same extensions as for a browser.
        headerExtensions: { audio: [useSdesMid(), useAudioLevelIndication()], video: [useSdesMid(), useAbsSendTime()] },
      }),
    )
    const p = new SyntheticParticipant(pc, pacer)
    for (let i = 0; i < 3; i++) {
      pc.addTransceiver('audio', { direction: 'recvonly' })
      pc.addTransceiver('video', { direction: 'recvonly' })
    }
    pc.createDataChannel('_reliable')
    p.firstOffer = await p.makeOffer()
    return p
  }

  /** Joins with `token`, offering what `prepare` made, and keeps answering the server until closed. */
  async connect(serverUrl: string, token: string): Promise<void> {
    this.startedAt = performance.now()
    this.client = await SignalClient.open(serverUrl, token, {
      offer: new SessionDescription({ type: 'offer', sdp: this.firstOffer, id: this.offerId }),
      // What `handleSignals` reads; the JoinResponse is only marked.
      decode: ['answer', 'mediaSectionsRequirement', 'trackPublished'],
    })
    this.mark('signal')
    void this.serve()
  }

  /**
   * Publishes a synthetic microphone or camera, as livekit-client does: addTrack, then a new offer.
   * Not before the peer connection is up: an app publishes after `room.connect()`, which waits for
   * it (`waitForPCInitialConnection`). Publishing as soon as the JoinResponse came put 26 offers
   * into the classroom's join storm that no class of livekit-client learners would send then.
   */
  async publish(spec: SourceSpec): Promise<SyntheticSource> {
    await this.connectedPromise
    const kind = spec.kind === 'microphone' ? 'audio' : 'video'
    const transceiver = this.pc.addTransceiver(new MediaStreamTrack({ kind }), { direction: 'sendonly' })
    transceiver.sender.setStreams([new MediaStream({ id: `synthetic-${kind}` })])
    const cid = transceiver.sender.trackId
    const published = new Promise<void>((resolve) => this.published.set(cid, resolve))
    this.client!.send({
      case: 'addTrack',
      value: new AddTrackRequest({
        cid,
        name: spec.kind,
        type: kind === 'audio' ? TrackType.AUDIO : TrackType.VIDEO,
        source: kind === 'audio' ? TrackSource.MICROPHONE : TrackSource.CAMERA,
        muted: spec.kind === 'microphone' && !spec.open,
        width: 640,
        height: 480,
      }),
    })
    await published
    await this.negotiate()
    const source = new SyntheticSource(transceiver as RTCRtpTransceiver, spec)
    source.dtx = this.dtxAsked(source.mid)
    this.sources.push(source)
    this.pacer.add(source)
    return source
  }

  /** Whether the server's answer asks the Opus encoder of section `mid` for DTX. */
  private dtxAsked(mid: string | undefined): boolean {
    const section = this.pc.remoteDescription?.sdp
      .split(/\r\n(?=m=)/)
      .find((s) => s.startsWith('m=audio') && s.includes(`\r\na=mid:${mid}\r\n`))
    const pt = section && /^a=rtpmap:(\d+) opus\//im.exec(section)?.[1]
    return !!pt && new RegExp(`^a=fmtp:${pt} (?:[^\r\n]*;)?usedtx=1(?:;|\r?$)`, 'm').test(section)
  }

  private mark(m: Mark): void {
    if (!this.marks.has(m)) this.marks.set(m, performance.now() - this.startedAt)
  }

  private async makeOffer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer())
    if (this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 3000)
        this.pc.iceGatheringStateChange.subscribe((s) => {
          if (s === 'complete') {
            clearTimeout(t)
            resolve()
          }
        })
      })
    }
    return this.pc.localDescription!.sdp
  }

  private async serve(): Promise<void> {
    await this.handleSignals().catch((err: unknown) => {
      if (this.pc.connectionState !== 'closed') throw err
    })
  }

  private async handleSignals(): Promise<void> {
    const client = this.client!
    for (;;) {
      let m
      try {
        m = await client.next(600_000)
      } catch {
        return
      }
      // An answer or a request that arrives after close() has nothing left to apply to.
      if (this.pc.connectionState === 'closed') return
      if (m.case === 'join') {
        this.mark('join')
      } else if (m.case === 'answer' && m.value.id === this.offerId) {
        await this.pc.setRemoteDescription({ type: 'answer', sdp: m.value.sdp })
        this.mark('answer')
        for (const source of this.sources) source.dtx = this.dtxAsked(source.mid)
        // werift would recycle sections it sees as inactive and lose their mids.
        for (const t of this.pc.getTransceivers()) (t as RTCRtpTransceiver).usedForSender = true
        if (this.wanted) {
          this.wanted = false
          await this.reoffer()
        }
      } else if (m.case === 'mediaSectionsRequirement') {
        for (let i = 0; i < m.value.numAudios; i++) this.pc.addTransceiver('audio', { direction: 'recvonly' })
        for (let i = 0; i < m.value.numVideos; i++) this.pc.addTransceiver('video', { direction: 'recvonly' })
        await this.negotiate()
      } else if (m.case === 'trackPublished') {
        this.published.get(m.value.cid)?.()
      }
    }
  }

  /** Offers now, or after the answer to the offer in flight (or being made). */
  private async negotiate(): Promise<void> {
    if (this.pc.signalingState === 'stable' && !this.offering) await this.reoffer()
    else this.wanted = true
  }

  private async reoffer(): Promise<void> {
    // Stays "stable" until the offer is set: a second caller meanwhile must wait, as livekit-client's lock does.
    this.offering = true
    try {
      this.offerId++
      const sdp = await this.makeOffer()
      this.client!.send({ case: 'offer', value: new SessionDescription({ type: 'offer', sdp, id: this.offerId }) })
    } finally {
      this.offering = false
    }
  }

  /** When a step of the join happened (ms since connecting began), if it has. */
  stepAt(m: Mark): number | undefined {
    return this.marks.get(m)
  }

  /** When each step of the join happened, and the connection state, for BENCH_DEBUG. */
  debug(): string {
    const marks = [...this.marks].map(([m, ms]) => `${m}@${Math.round(ms)}`).join(' ')
    return `${this.pc.connectionState} ${marks} auth-failures=${this.counter.authFailures}`
  }

  async close(): Promise<void> {
    for (const s of this.sources) this.pacer.remove(s)
    this.client?.close()
    await this.pc.close().catch(() => undefined)
  }
}
