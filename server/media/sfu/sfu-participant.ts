/**
 * One participant of the embedded SFU: the signal socket, the transport (one peer connection on
 * `/rtc/v1`, two on the classic `/rtc`), the tracks they publish and the ones they receive.
 * The room decides who gets what; this class speaks the protocol.
 */
import type { Logger } from 'pino'
import type { AddTrackRequest, ParticipantPermission, TrickleRequest } from '@livekit/protocol'
import {
  DisconnectReason,
  LeaveRequest,
  LeaveRequest_Action,
  ParticipantInfo,
  ParticipantInfo_State,
  TrackInfo,
  TrackSource,
  TrackType,
  type SessionDescription,
  type SignalRequest,
} from '@livekit/protocol'
import { werift } from './werift-lazy.ts'
import { BandwidthEstimator, rembMantissaExponent } from './bandwidth.ts'
import {
  MAX_SIGNAL_FRAME_BYTES,
  SignalClose,
  decodeSignalRequest,
  encodeSignalResponse,
  type ResponseMessage,
} from './signal-codec.ts'
import type { IncomingTrack, MediaKind } from './sfu-peer.ts'
import type { ParticipantTransport, SignalPath, TransportEvents } from './participant-transport.ts'
import { SinglePeerTransport } from './single-peer-transport.ts'
import { TwoPeerTransport } from './two-peer-transport.ts'
import type { SfuConfig } from './sfu-config.ts'
import type { EarlyFrame, SignalSocket } from './signal-socket.ts'
import { PublishedTrack } from './published-track.ts'
import { canPublishSource } from './grants.ts'
import { newTrackSid } from './ids.ts'
import { subscriptionChange, trackSettingsChange, type SubscriptionChange } from './subscription-request.ts'

export interface ParticipantEvents {
  /** A track's media started arriving (ready to forward). */
  trackPublished(p: SfuParticipant, track: PublishedTrack): void
  trackUnpublished(p: SfuParticipant, track: PublishedTrack): void
  /** Name, metadata, attributes, permission or a track's mute changed: tell the others. */
  changed(p: SfuParticipant): void
  data(p: SfuParticipant, payload: Uint8Array, reliable: boolean): void
  /** Asked to receive others' tracks again or no longer, or to pause them. */
  subscription(p: SfuParticipant, change: SubscriptionChange): void
  /** The client said goodbye, or its signal socket closed for good. */
  left(p: SfuParticipant, clientInitiated: boolean): void
}

const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level'
/** How often the publisher hears the server's bandwidth estimate (REMB). */
const REMB_INTERVAL_MS = 500

export class SfuParticipant {
  private _name: string
  private _metadata: string
  private _attributes: Record<string, string>
  private _permission: ParticipantPermission
  private _state = ParticipantInfo_State.JOINING
  private _version = 1
  /** `info()` encoded, until anything in it changes: each newcomer's JoinResponse carries everyone's. */
  private encodedInfo: Uint8Array | undefined
  readonly joinedAt = Date.now()
  readonly tracks = new Map<string, PublishedTrack>()
  private readonly pendingByCid = new Map<string, PublishedTrack>()
  readonly transport: ParticipantTransport
  private ws: SignalSocket | undefined
  private closed = false
  private bandwidth: BandwidthEstimator | undefined
  private rembTimer: NodeJS.Timeout | undefined
  /** The last estimate sent to this publisher (bits per second), for logs and tests. */
  lastRemb = 0
  /** Others' tracks this participant unsubscribed from (everything else is subscribed automatically). */
  private readonly declined = new Set<string>()
  /** Others' tracks this participant keeps but asked to receive no media of. */
  private readonly disabled = new Set<string>()

  /** What the publisher connection's bandwidth estimate last saw. */
  bandwidthStats(): { remb: number; loss: number; rate: number } {
    return { remb: this.lastRemb, loss: this.bandwidth?.lastLoss ?? 0, rate: this.bandwidth?.lastRate ?? 0 }
  }

  constructor(
    readonly sid: string,
    readonly identity: string,
    init: { name: string; metadata: string; attributes: Record<string, string>; permission: ParticipantPermission },
    path: SignalPath,
    config: SfuConfig,
    private readonly events: ParticipantEvents,
    private readonly log: Logger,
  ) {
    this._name = init.name
    this._metadata = init.metadata
    this._attributes = init.attributes
    this._permission = init.permission
    const transportEvents: TransportEvents = {
      track: (t) => this.onTrack(t),
      data: (bytes, reliable) => this.events.data(this, bytes, reliable),
      announced: (cid) => (this.pendingByCid.get(cid) ?? [...this.tracks.values()].find((t) => t.cid === cid))?.info,
      signal: (message) => this.send(message),
      negotiated: () => this.afterNegotiation(),
      connected: () => {
        if (this.state === ParticipantInfo_State.JOINING) this.state = ParticipantInfo_State.ACTIVE
      },
      negotiationFailed: () => this.reconnectInFull(),
    }
    this.transport =
      path === '/rtc' ? new TwoPeerTransport(config, transportEvents) : new SinglePeerTransport(config, transportEvents)
  }

  get name(): string {
    return this._name
  }
  set name(v: string) {
    this._name = v
    this.infoChanged()
  }
  get metadata(): string {
    return this._metadata
  }
  set metadata(v: string) {
    this._metadata = v
    this.infoChanged()
  }
  get attributes(): Record<string, string> {
    return this._attributes
  }
  set attributes(v: Record<string, string>) {
    this._attributes = v
    this.infoChanged()
  }
  get permission(): ParticipantPermission {
    return this._permission
  }
  set permission(v: ParticipantPermission) {
    this._permission = v
    this.infoChanged()
  }
  get version(): number {
    return this._version
  }
  get state(): ParticipantInfo_State {
    return this._state
  }
  set state(v: ParticipantInfo_State) {
    this._state = v
    this.infoChanged()
  }

  private infoChanged(): void {
    this.encodedInfo = undefined
  }

  /** `info()`, encoded. */
  infoBytes(): Uint8Array {
    return (this.encodedInfo ??= this.info().toBinary())
  }

  info(): ParticipantInfo {
    return new ParticipantInfo({
      sid: this.sid,
      identity: this.identity,
      name: this.name,
      state: this.state,
      metadata: this.metadata,
      attributes: this.attributes,
      permission: this.permission,
      version: this.version,
      joinedAt: BigInt(Math.floor(this.joinedAt / 1000)),
      joinedAtMs: BigInt(this.joinedAt),
      isPublisher: this.tracks.size > 0,
      tracks: [...this.tracks.values()].filter((t) => t.media).map((t) => t.info),
    })
  }

  /**
   * As LiveKit does when a negotiation fails: `leave{RECONNECT}` makes the client join again in
   * full (new connections, everything it receives in the first offer), and this participant leaves.
   */
  private reconnectInFull(): void {
    this.log.warn({ identity: this.identity }, 'negotiation not completed in time; asking the client to reconnect')
    this.send({
      case: 'leave',
      value: new LeaveRequest({
        canReconnect: true,
        reason: DisconnectReason.STATE_MISMATCH,
        action: LeaveRequest_Action.RECONNECT,
      }),
    })
    this.events.left(this, false)
  }

  /** Whether this participant wants to receive another's track (it may have unsubscribed). */
  wants(trackSid: string): boolean {
    return !this.declined.has(trackSid)
  }

  wantTrack(trackSid: string, wanted: boolean): void {
    if (wanted) this.declined.delete(trackSid)
    else this.declined.add(trackSid)
  }

  /** Whether media of another's track should flow to this participant (not disabled). */
  enabled(trackSid: string): boolean {
    return !this.disabled.has(trackSid)
  }

  enableTrack(trackSid: string, enabled: boolean): void {
    if (enabled) this.disabled.delete(trackSid)
    else this.disabled.add(trackSid)
  }

  /** Another's track is gone for good; its sid never comes back. */
  forgetTrack(trackSid: string): void {
    this.declined.delete(trackSid)
    this.disabled.delete(trackSid)
  }

  /** Bumps the version so clients take the next update (they ignore versions they have seen). */
  touch(): void {
    this._version++
    this.infoChanged()
  }

  attachSocket(ws: SignalSocket): void {
    this.ws = ws
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary))
    ws.on('close', () => {
      if (this.ws === ws) this.ws = undefined
    })
  }

  /** Frames that arrived before the participant existed, taken once the client has its JoinResponse. */
  takeEarly(frames: readonly EarlyFrame[]): void {
    for (const [data, isBinary] of frames) this.onMessage(data, isBinary)
  }

  get socket(): SignalSocket | undefined {
    return this.ws
  }

  send(message: ResponseMessage): void {
    this.sendFrame(encodeSignalResponse(message))
  }

  /** A response already encoded: the room encodes what goes to everyone once, not once per participant. */
  sendFrame(frame: Uint8Array): void {
    const ws = this.ws
    if (!ws || ws.readyState !== ws.OPEN) return
    ws.send(frame)
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    // Only this connection pays for a bad frame; the room and everyone else carry on.
    if (data.byteLength > MAX_SIGNAL_FRAME_BYTES) {
      this.log.warn({ identity: this.identity, bytes: data.byteLength }, 'signal frame too large; connection closed')
      this.ws?.close(SignalClose.TooLarge, 'message too large')
      return
    }
    let req: SignalRequest
    try {
      if (!isBinary) throw new Error('text frame')
      req = decodeSignalRequest(data)
    } catch {
      this.log.warn({ identity: this.identity }, 'malformed signal message; connection closed')
      this.ws?.close(SignalClose.BadMessage, 'malformed message')
      return
    }
    void this.handle(req).catch((err: unknown) => {
      this.log.warn(
        { identity: this.identity, err: (err as Error).message, kind: req.message.case },
        'signal request failed',
      )
    })
  }

  private async handle(req: SignalRequest): Promise<void> {
    const m = req.message
    switch (m.case) {
      case 'offer':
        return this.answer(m.value)
      case 'answer':
        return this.transport.acceptAnswer(m.value)
      case 'trickle':
        return this.trickle(m.value)
      case 'addTrack':
        return this.addTrack(m.value)
      case 'mute':
        return this.setMuted(m.value.sid, m.value.muted)
      case 'leave':
        this.events.left(this, true)
        return
      case 'subscription':
        return this.changeSubscription(subscriptionChange(m.value))
      case 'trackSetting':
        return this.changeSubscription(trackSettingsChange(m.value))
      case 'ping':
        return this.send({ case: 'pong', value: m.value })
      case 'pingReq':
        return this.send({
          case: 'pongResp',
          value: { lastPingTimestamp: m.value.timestamp, timestamp: BigInt(Date.now()) } as never,
        })
      default:
        // subscriptionPermission, updateLayers, syncState…: not needed without simulcast and
        // resume; ignored like unknown fields.
        return
    }
  }

  private changeSubscription(change: SubscriptionChange | undefined): void {
    if (change && change.trackSids.length > 0) this.events.subscription(this, change)
  }

  /** Answers the client's offer (on `/rtc/v1` the first one arrives inside the join request). */
  answer(offer: SessionDescription): Promise<void> {
    return this.transport.answer(offer)
  }

  /** Set by the room: called after every negotiation that may have placed tracks this participant receives. */
  afterNegotiation: () => void = () => {}

  private async trickle(t: TrickleRequest): Promise<void> {
    if (!t.candidateInit) return
    const init = JSON.parse(t.candidateInit) as { candidate?: string; sdpMid?: string; sdpMLineIndex?: number }
    if (!init.candidate) return
    await this.transport.addCandidate(
      { candidate: init.candidate, sdpMid: init.sdpMid, sdpMLineIndex: init.sdpMLineIndex },
      t.target,
    )
  }

  private addTrack(req: AddTrackRequest): void {
    const source = req.source === TrackSource.UNKNOWN ? guessSource(req.type) : req.source
    if (!canPublishSource(this.permission, source)) {
      // As LiveKit does: the client's publish times out with an error; nothing is published.
      this.log.warn({ identity: this.identity, source }, 'publish refused: no permission for this source')
      return
    }
    const audio = req.type === TrackType.AUDIO
    // The client's wish (`videoCodec`) if served, else VP8; livekit-client sends in what we name here.
    const mimeType = audio ? 'audio/opus' : videoMimeType(req.simulcastCodecs[0]?.codec)
    const info = new TrackInfo({
      sid: newTrackSid(),
      type: req.type,
      name: req.name,
      source,
      muted: req.muted,
      width: req.width,
      height: req.height,
      disableDtx: req.disableDtx,
      stereo: req.stereo,
      mimeType,
      codecs: [{ mimeType }] as never,
      stream: req.stream,
      version: { unixMicro: BigInt(Date.now() * 1000) } as never,
    })
    const track = new PublishedTrack(info, req.cid, this.sid)
    this.pendingByCid.set(req.cid, track)
    this.send({ case: 'trackPublished', value: { cid: req.cid, track: info } as never })
  }

  private onTrack(t: IncomingTrack): void {
    const pending =
      (t.remoteTrackId && this.pendingByCid.get(t.remoteTrackId)) || this.pendingForKind(t.track.kind as MediaKind)
    if (!pending) {
      this.log.warn({ identity: this.identity, cid: t.remoteTrackId }, 'media for a track that was never announced')
      return
    }
    this.pendingByCid.delete(pending.cid)
    pending.info.mid = t.mid ?? ''
    pending.fmtp = t.transceiver.codecs.find(
      (c) => c.mimeType.toLowerCase() === pending.info.mimeType.toLowerCase(),
    )?.parameters
    const ext = t.transceiver.headerExtensions.find((e) => e.uri === AUDIO_LEVEL_URI)
    pending.attach(t.track, t.transceiver.receiver, ext?.id)
    this.startBandwidthEstimate(pending)
    this.tracks.set(pending.info.sid, pending)
    this.touch()
    this.events.trackPublished(this, pending)
  }

  /** Counts what arrives on every published track and tells the publisher the estimate (REMB). */
  private startBandwidthEstimate(track: PublishedTrack): void {
    const estimator = (this.bandwidth ??= new BandwidthEstimator(Date.now()))
    track.onArrival = (rtp) =>
      estimator.onPacket(
        rtp.header.ssrc,
        rtp.header.sequenceNumber,
        rtp.payload.length + 12 + rtp.header.csrcLength * 4,
      )
    if (this.rembTimer) return
    this.rembTimer = setInterval(() => this.sendRemb(), REMB_INTERVAL_MS)
    this.rembTimer.unref()
  }

  private sendRemb(): void {
    const bps = this.bandwidth?.update(Date.now())
    if (bps === undefined) return
    const tracks = [...this.tracks.values()].filter((t) => t.media?.ssrc !== undefined && t.receiver)
    const receiver = tracks[0]?.receiver
    if (!receiver) return
    const { mantissa, exponent } = rembMantissaExponent(bps)
    const remb = new (werift().ReceiverEstimatedMaxBitrate)({
      senderSsrc: receiver.rtcpSsrc,
      mediaSsrc: 0,
      brExp: exponent,
      brMantissa: mantissa,
      bitrate: BigInt(bps),
      ssrcNum: tracks.length,
      ssrcFeedbacks: tracks.map((t) => t.media!.ssrc!),
    })
    this.lastRemb = bps
    void receiver.dtlsTransport
      .sendRtcp([new (werift().RtcpPayloadSpecificFeedback)({ feedback: remb })])
      .catch(() => undefined)
  }

  private pendingForKind(kind: MediaKind): PublishedTrack | undefined {
    const type = kind === 'audio' ? TrackType.AUDIO : TrackType.VIDEO
    return [...this.pendingByCid.values()].find((p) => p.info.type === type)
  }

  setMuted(trackSid: string, muted: boolean): void {
    const track = this.tracks.get(trackSid) ?? [...this.pendingByCid.values()].find((t) => t.info.sid === trackSid)
    if (!track || track.info.muted === muted) return
    track.info.muted = muted
    this.touch()
    this.events.changed(this)
  }

  unpublish(trackSid: string): void {
    const track = this.tracks.get(trackSid)
    if (!track) return
    this.tracks.delete(trackSid)
    track.detach()
    this.touch()
    this.events.trackUnpublished(this, track)
  }

  sendData(bytes: Uint8Array, reliable: boolean): void {
    this.transport.sendData(bytes, reliable)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.state = ParticipantInfo_State.DISCONNECTED
    clearInterval(this.rembTimer)
    for (const t of this.tracks.values()) t.detach()
    this.infoChanged()
    await this.transport.close()
    this.ws?.close(1000, 'left')
  }
}

/** Video codecs the embedded SFU forwards, by livekit-client's names. */
const VIDEO_CODECS: Record<string, string> = { vp8: 'video/VP8', h264: 'video/H264' }

function videoMimeType(requested: string | undefined): string {
  return VIDEO_CODECS[(requested ?? '').toLowerCase()] ?? 'video/VP8'
}

function guessSource(type: TrackType): TrackSource {
  return type === TrackType.AUDIO ? TrackSource.MICROPHONE : TrackSource.CAMERA
}
