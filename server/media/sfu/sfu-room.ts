/**
 * One LiveKit room in the embedded SFU: who is in it, who receives which track, and everything
 * that goes to everyone (participant updates, data packets, active speakers).
 */
import type { Logger } from 'pino'
import type { ConnectionQuality } from '@livekit/protocol'
import {
  ConnectionQualityInfo,
  ConnectionQualityUpdate,
  DisconnectReason,
  LeaveRequest,
  LeaveRequest_Action,
  ParticipantInfo_State,
  Room,
  StreamState,
  StreamStateInfo,
  StreamStateUpdate,
  TrackType,
} from '@livekit/protocol'
import type { RTCRtpSender } from 'werift'
import type { SfuParticipant } from './sfu-participant.ts'
import { isPaused, type PublishedTrack, type Subscriber } from './published-track.ts'
import { QuietPlacements } from './quiet-placements.ts'
import { forwardingSender } from './forwarding-sender.ts'
import { DownlinkGuard } from './downlink-guard.ts'
import type { DownTrackSlot, MediaKind } from './sfu-peer.ts'
import { judgeQuality, qualityScore } from './connection-quality.ts'
import type { SubscriptionChange } from './subscription-request.ts'
import { forwardedData } from './data-forward.ts'
import { encodeParticipantUpdate, encodeSignalResponse, type ResponseMessage } from './signal-codec.ts'
import { isConnected } from './werift-transport.ts'
import { quantizeLevel, speakerChanges } from './active-speakers.ts'

const SPEAKER_INTERVAL_MS = 500
/** How often connection quality is judged and changes announced. */
const QUALITY_INTERVAL_MS = 2000
/** How often each subscriber's video loss is looked at (downlink-guard.ts). */
const DOWNLINK_INTERVAL_MS = 1000
const SPEAKING_LEVEL = 0.01
const SPEAKER_HOLD_MS = 1500
const KEYFRAME_RETRIES_MS = [0, 300, 800, 1500, 3000]
/** How long a subscriber's muted tracks wait for no more to come before they are placed (quiet-placements.ts). */
export const DEFAULT_MUTED_TRACK_QUIET_MS = 1000

/** A muted track's section, waiting for a quiet spell; placed only if the subscription still stands. */
interface WaitingTrack {
  slot: DownTrackSlot
  track: PublishedTrack
  subscriber: Subscriber
}

export class SfuRoom {
  readonly participants = new Map<string, SfuParticipant>()
  metadata = ''
  readonly createdAt = Date.now()
  private readonly renegotiate = new Map<string, NodeJS.Immediate>()
  /** Subscriptions whose section has been negotiated once (their video started with a keyframe). */
  private readonly started = new WeakSet<Subscriber>()
  /** The keyframe requests still to come per video track; a new subscriber starts the series again. */
  private readonly keyframeRetries = new Map<PublishedTrack, NodeJS.Timeout[]>()
  private lastSpeakers = new Map<string, number>()
  private readonly speakerTimer: NodeJS.Timeout
  private readonly qualityTimer: NodeJS.Timeout
  private readonly lastQuality = new Map<string, ConnectionQuality>()
  private readonly downlinkTimer: NodeJS.Timeout
  /** Per subscriber sid. */
  private readonly downlinks = new Map<string, DownlinkGuard>()
  private readonly mutedTracks: QuietPlacements<WaitingTrack>

  constructor(
    readonly sid: string,
    readonly name: string,
    readonly log: Logger,
    /** Someone started (`true`) or stopped talking, at `at` (ms since the epoch). */
    private readonly onSpeaking: SpeakingListener = () => {},
    mutedTrackQuietMs = DEFAULT_MUTED_TRACK_QUIET_MS,
  ) {
    this.mutedTracks = new QuietPlacements(mutedTrackQuietMs, (subSid, waiting) => {
      const sub = this.bySid(subSid)
      if (sub) this.place(sub, waiting)
    })
    this.speakerTimer = setInterval(() => this.announceSpeakers(), SPEAKER_INTERVAL_MS)
    this.speakerTimer.unref()
    this.qualityTimer = setInterval(() => this.announceQuality(), QUALITY_INTERVAL_MS)
    this.qualityTimer.unref()
    this.downlinkTimer = setInterval(() => this.guardDownlinks(), DOWNLINK_INTERVAL_MS)
    this.downlinkTimer.unref()
  }

  /**
   * Holds back the video of subscribers whose link loses too much of it, and releases it when
   * their guard tries again (downlink-guard.ts). Tracks they paused themselves stay paused.
   */
  private guardDownlinks(): void {
    const now = Date.now()
    const bySubscriber = this.videoSubscriptionsBySubscriber()
    for (const sub of this.participants.values()) {
      const videos = bySubscriber.get(sub.sid) ?? []
      let sent = 0
      let nacked = 0
      for (const { subscriber } of videos) {
        const sender = subscriber.sender()
        if (!sender) continue
        const counts = forwardingSender(sender).takeCounts()
        sent += counts.sent
        nacked += counts.nacked
      }
      let guard = this.downlinks.get(sub.sid)
      if (!guard) this.downlinks.set(sub.sid, (guard = new DownlinkGuard(now)))
      const wasHolding = guard.holding
      guard.observe(sent, nacked, now)
      if (guard.holding === wasHolding) continue
      this.log.info(
        { identity: sub.identity, loss: Math.round(guard.loss * 100) },
        guard.holding ? 'video held back: the subscriber loses too much of it' : 'video tried again',
      )
      for (const { pub, track, subscriber } of videos) {
        this.changeStream(sub, pub, track, subscriber, () => (subscriber.held = guard.holding))
      }
    }
  }

  /** Every video subscription in the room by subscriber sid, in one pass over the video tracks. */
  private videoSubscriptionsBySubscriber() {
    const out = new Map<string, { pub: SfuParticipant; track: PublishedTrack; subscriber: Subscriber }[]>()
    for (const pub of this.participants.values()) {
      for (const track of pub.tracks.values()) {
        if (track.info.type !== TrackType.VIDEO) continue
        for (const [subSid, subscriber] of track.subscribers) {
          let list = out.get(subSid)
          if (!list) out.set(subSid, (list = []))
          list.push({ pub, track, subscriber })
        }
      }
    }
    return out
  }

  /** Tells everyone whose connection quality changed since the last look. */
  private announceQuality(): void {
    const updates: ConnectionQualityInfo[] = []
    for (const p of this.participants.values()) {
      if (p.permission.hidden) continue
      const downlink = this.downlinks.get(p.sid)
      const quality = judgeQuality({
        connected: p.socket !== undefined,
        publishing: p.tracks.size > 0,
        loss: p.bandwidthStats().loss,
        downlink: downlink && { loss: downlink.loss, held: downlink.holding },
      })
      if (this.lastQuality.get(p.sid) === quality) continue
      this.lastQuality.set(p.sid, quality)
      updates.push(new ConnectionQualityInfo({ participantSid: p.sid, quality, score: qualityScore(quality) }))
    }
    for (const sid of [...this.lastQuality.keys()]) if (!this.bySid(sid)) this.lastQuality.delete(sid)
    if (updates.length === 0) return
    this.toEveryone({ case: 'connectionQuality', value: new ConnectionQualityUpdate({ updates }) })
  }

  info(): Room {
    return new Room({
      sid: this.sid,
      name: this.name,
      metadata: this.metadata,
      creationTime: BigInt(Math.floor(this.createdAt / 1000)),
      creationTimeMs: BigInt(this.createdAt),
      numParticipants: this.participants.size,
      numPublishers: [...this.participants.values()].filter((p) => p.tracks.size > 0).length,
      emptyTimeout: 300,
      departureTimeout: 20,
    })
  }

  bySid(sid: string): SfuParticipant | undefined {
    for (const p of this.participants.values()) if (p.sid === sid) return p
    return undefined
  }

  /** Everyone but `except` who may see others (hidden participants are not listed), their infos encoded. */
  visibleInfos(except?: SfuParticipant): Uint8Array[] {
    const out: Uint8Array[] = []
    for (const p of this.participants.values()) if (p !== except && !p.permission.hidden) out.push(p.infoBytes())
    return out
  }

  /** Adds a participant (replacing one with the same identity) and subscribes them to what is live. */
  add(p: SfuParticipant): void {
    const old = this.participants.get(p.identity)
    if (old) this.remove(old, DisconnectReason.DUPLICATE_IDENTITY)
    this.participants.set(p.identity, p)
    // The newcomer hears everyone's quality at the next look, not only later changes.
    this.lastQuality.clear()
    p.afterNegotiation = () => this.onNegotiated(p)
    this.broadcastUpdate(p)
    for (const other of this.participants.values()) {
      if (other === p) continue
      for (const track of other.tracks.values()) this.subscribe(p, other, track)
    }
  }

  remove(p: SfuParticipant, reason: DisconnectReason, notify = true): void {
    if (this.participants.get(p.identity) !== p) return
    this.participants.delete(p.identity)
    this.downlinks.delete(p.sid)
    this.mutedTracks.forget(p.sid)
    if (this.lastSpeakers.delete(p.sid)) this.onSpeaking(p.identity, false, lastPeakAt(p) || Date.now())
    if (notify) {
      p.send({
        case: 'leave',
        value: new LeaveRequest({ canReconnect: false, reason, action: LeaveRequest_Action.DISCONNECT }),
      })
    }
    for (const track of p.tracks.values()) this.forgetTrack(track)
    p.state = ParticipantInfo_State.DISCONNECTED
    p.touch()
    this.broadcastUpdate(p)
    void p.close()
  }

  /** `p`'s name, metadata, permission or a track's mute changed: everyone hears, and an unmuted track waits no longer. */
  changed(p: SfuParticipant): void {
    this.broadcastUpdate(p)
    for (const track of p.tracks.values()) {
      if (track.info.muted) continue
      for (const [subSid, waiting] of this.mutedTracks.take(track.info.sid)) {
        const sub = this.bySid(subSid)
        if (sub) this.place(sub, [waiting])
      }
    }
  }

  broadcastUpdate(p: SfuParticipant, includeSelf = false): void {
    if (p.permission.hidden) return
    this.frameToEveryone(encodeParticipantUpdate([p.infoBytes()]), includeSelf ? undefined : p)
  }

  private toEveryone(message: ResponseMessage, except?: SfuParticipant): void {
    this.frameToEveryone(encodeSignalResponse(message), except)
  }

  private frameToEveryone(frame: Uint8Array, except?: SfuParticipant): void {
    for (const p of this.participants.values()) if (p !== except) p.sendFrame(frame)
  }

  /** A track's media arrived: announce it and send it to everyone allowed to subscribe. */
  published(p: SfuParticipant, track: PublishedTrack): void {
    this.broadcastUpdate(p)
    for (const other of this.participants.values()) {
      if (other !== p) this.subscribe(other, p, track)
    }
  }

  unpublished(p: SfuParticipant, track: PublishedTrack): void {
    this.forgetTrack(track)
    p.send({ case: 'trackUnpublished', value: { trackSid: track.info.sid } as never })
    this.broadcastUpdate(p)
  }

  /**
   * `sub` asks to receive tracks again or no longer, or to pause them (livekit-client's
   * `setSubscribed` and `setEnabled`, Twirp UpdateSubscriptions). Tracks not in this room, and
   * the participant's own, are ignored.
   */
  changeSubscription(sub: SfuParticipant, change: SubscriptionChange): void {
    for (const trackSid of change.trackSids) {
      const pub = this.publisherOf(trackSid)
      const track = pub?.tracks.get(trackSid)
      if (!pub || !track || pub === sub) continue
      if (change.kind === 'subscribe') {
        sub.wantTrack(trackSid, change.subscribe)
        if (change.subscribe) this.subscribe(sub, pub, track)
        else this.unsubscribe(sub, track)
      } else {
        sub.enableTrack(trackSid, change.enabled)
        this.setPaused(sub, pub, track, !change.enabled)
      }
    }
  }

  private publisherOf(trackSid: string): SfuParticipant | undefined {
    for (const p of this.participants.values()) if (p.tracks.has(trackSid)) return p
    return undefined
  }

  /** Stops or resumes sending a track's media to one subscriber, at the subscriber's request. */
  private setPaused(sub: SfuParticipant, pub: SfuParticipant, track: PublishedTrack, paused: boolean): void {
    const s = track.subscribers.get(sub.sid)
    if (s) this.changeStream(sub, pub, track, s, () => (s.paused = paused))
  }

  /** Applies `change` to a subscription; if the media stops or starts, LiveKit says so with a stream state. */
  private changeStream(
    sub: SfuParticipant,
    pub: SfuParticipant,
    track: PublishedTrack,
    s: Subscriber,
    change: () => void,
  ): void {
    const before = isPaused(s)
    change()
    const paused = isPaused(s)
    if (paused === before) return
    this.tellStreamState(sub, pub, track, paused ? StreamState.PAUSED : StreamState.ACTIVE)
    if (!paused) this.requestKeyframes(track)
  }

  private tellStreamState(sub: SfuParticipant, pub: SfuParticipant, track: PublishedTrack, state: StreamState): void {
    sub.send({
      case: 'streamStateUpdate',
      value: new StreamStateUpdate({
        streamStates: [new StreamStateInfo({ participantSid: pub.sid, trackSid: track.info.sid, state })],
      }),
    })
  }

  private subscribe(sub: SfuParticipant, pub: SfuParticipant, track: PublishedTrack): void {
    if (!sub.permission.canSubscribe || !sub.wants(track.info.sid) || track.subscribers.has(sub.sid)) return
    const kind: MediaKind = track.info.type === TrackType.AUDIO ? 'audio' : 'video'
    const slot = {
      trackSid: track.info.sid,
      streamId: `${pub.sid}|${track.info.sid}`,
      kind,
      codec: () => ({ mimeType: track.info.mimeType, fmtp: track.fmtp }),
    }
    let watching = false
    const subscriber: Subscriber = {
      paused: !sub.enabled(track.info.sid),
      held: kind === 'video' && (this.downlinks.get(sub.sid)?.holding ?? false),
      sender: () => {
        const sender = sub.transport.downTrack(track.info.sid)?.transceiver?.sender
        if (sender && !watching) {
          watching = true
          this.watchKeyframes(sender, track, () => isPaused(subscriber))
        }
        return sender
      },
    }
    track.subscribers.set(sub.sid, subscriber)
    if (kind === 'audio' && track.info.muted)
      this.mutedTracks.wait(sub.sid, track.info.sid, { slot, track, subscriber })
    else this.place(sub, [{ slot, track, subscriber }])
  }

  /** Gives subscriptions that still stand their sections on `sub`'s connection, in one renegotiation. */
  private place(sub: SfuParticipant, waiting: WaitingTrack[]): void {
    let placed = false
    for (const { slot, track, subscriber } of waiting) {
      if (track.subscribers.get(sub.sid) !== subscriber) continue
      sub.transport.addDownTrack(slot)
      placed = true
    }
    if (placed) this.requestOffer(sub)
  }

  /** The section leaves the subscriber's connection at the next answer; livekit-client then ends the track. */
  private unsubscribe(sub: SfuParticipant, track: PublishedTrack): void {
    if (!track.subscribers.delete(sub.sid)) return
    sub.transport.removeDownTrack(track.info.sid)
    this.requestOffer(sub)
  }

  private watchKeyframes(sender: RTCRtpSender, track: PublishedTrack, paused: () => boolean): void {
    if (track.info.type !== TrackType.VIDEO) return
    // A paused receiver starves and asks for pictures it has not been sent; the publisher need not.
    sender.onPictureLossIndication.subscribe(() => paused() || track.requestKeyframe())
  }

  private requestKeyframes(track: PublishedTrack): void {
    if (track.info.type !== TrackType.VIDEO) return
    // One series per track: thirty joiners at once would otherwise ask the publisher 150 times.
    for (const t of this.keyframeRetries.get(track) ?? []) clearTimeout(t)
    const timers = KEYFRAME_RETRIES_MS.map((ms, i) =>
      setTimeout(() => {
        track.requestKeyframe()
        if (i === KEYFRAME_RETRIES_MS.length - 1) this.keyframeRetries.delete(track)
      }, ms).unref(),
    )
    this.keyframeRetries.set(track, timers)
  }

  /** A track is gone for good: off every subscriber's connection, out of their choices. */
  private forgetTrack(track: PublishedTrack): void {
    for (const t of this.keyframeRetries.get(track) ?? []) clearTimeout(t)
    this.keyframeRetries.delete(track)
    this.unsubscribeAll(track)
    for (const p of this.participants.values()) p.forgetTrack(track.info.sid)
  }

  private unsubscribeAll(track: PublishedTrack): void {
    for (const subSid of track.subscribers.keys()) {
      const sub = this.bySid(subSid)
      if (!sub) continue
      sub.transport.removeDownTrack(track.info.sid)
      this.requestOffer(sub)
    }
    track.subscribers.clear()
  }

  /**
   * The tracks `sub` receives changed: one renegotiation for everything changed in this
   * event-loop turn (the client offers again on `/rtc/v1`, the server offers on `/rtc`).
   */
  private requestOffer(sub: SfuParticipant): void {
    if (this.renegotiate.has(sub.sid)) return
    this.renegotiate.set(
      sub.sid,
      setImmediate(() => {
        this.renegotiate.delete(sub.sid)
        sub.transport.renegotiate()
      }),
    )
  }

  /**
   * After an answer: start video with a keyframe for every newly placed subscription, as soon as
   * its connection can carry it (a joiner's is still being set up when its first answer goes out).
   */
  private onNegotiated(sub: SfuParticipant): void {
    for (const other of this.participants.values()) {
      for (const track of other.tracks.values()) {
        const s = track.subscribers.get(sub.sid)
        const sender = s && !this.started.has(s) ? s.sender() : undefined
        if (!s || !sender) continue
        this.started.add(s)
        if (s.held) {
          // Subscribed while this subscriber's video is held back: the client must hear it is
          // paused (keyframes are asked for when it is released).
          this.tellStreamState(sub, other, track, StreamState.PAUSED)
          continue
        }
        if (isConnected(sender.dtlsTransport)) this.requestKeyframes(track)
        else sender.onReady.once(() => this.requestKeyframes(track))
      }
    }
  }

  /** Forwards a data packet with the sender's identity stamped by the server. */
  forwardData(from: SfuParticipant, bytes: Uint8Array, reliable: boolean): void {
    if (!from.permission.canPublishData) return
    const out = forwardedData(bytes, from)
    if (!out) return
    for (const p of this.participants.values()) {
      if (p === from) continue
      if (out.destinations.length > 0 && !out.destinations.includes(p.identity)) continue
      p.sendData(out.bytes, reliable)
    }
  }

  /** Sends a server-made data packet (Twirp SendData): no sender identity. */
  sendServerData(bytes: Uint8Array, reliable: boolean, destinations: string[]): void {
    for (const p of this.participants.values()) {
      if (destinations.length > 0 && !destinations.includes(p.identity)) continue
      p.sendData(bytes, reliable)
    }
  }

  private announceSpeakers(): void {
    const now = Date.now()
    const levels = new Map<string, number>()
    for (const p of this.participants.values()) {
      let level = 0
      for (const t of p.tracks.values()) {
        if (t.info.type !== TrackType.AUDIO || t.info.muted) continue
        // Speech has gaps between words; holding a peak keeps a talker listed through them.
        if (now - t.peakAt > SPEAKER_HOLD_MS) t.peakLevel = 0
        level = Math.max(level, t.peakLevel)
        t.peakLevel *= 0.7
      }
      if (level >= SPEAKING_LEVEL) levels.set(p.sid, quantizeLevel(level))
    }
    const speakers = speakerChanges(this.lastSpeakers, levels)
    for (const { sid, active } of speakers) {
      const p = active && this.lastSpeakers.has(sid) ? undefined : this.bySid(sid)
      // Talking ended at the last loud packet, not when the hold ran out.
      if (p) this.onSpeaking(p.identity, active, active ? now : lastPeakAt(p) || now)
    }
    this.lastSpeakers = levels
    if (speakers.length === 0) return
    this.toEveryone({ case: 'speakersChanged', value: { speakers } as never })
  }

  close(reason: DisconnectReason): void {
    clearInterval(this.speakerTimer)
    clearInterval(this.qualityTimer)
    clearInterval(this.downlinkTimer)
    this.mutedTracks.close()
    for (const p of [...this.participants.values()]) this.remove(p, reason)
  }
}

/** Told when a participant starts or stops talking (active-speaker detection). */
export type SpeakingListener = (identity: string, speaking: boolean, at: number) => void

/** When this participant's microphone last carried a loud packet. */
function lastPeakAt(p: SfuParticipant): number {
  let at = 0
  for (const t of p.tracks.values()) if (t.info.type === TrackType.AUDIO) at = Math.max(at, t.peakAt)
  return at
}
