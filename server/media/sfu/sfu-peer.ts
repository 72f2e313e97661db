/**
 * A werift peer connection the client offers on: answers the client's offers (one at a time),
 * places the tracks this participant subscribes to on the receive-only sections the client
 * offered, and reports incoming tracks and data channels. It is the one connection of `/rtc/v1`
 * and the publisher connection of the classic `/rtc` (which is given no tracks to place).
 * Also the connection helpers both kinds of server peer share.
 */
import type {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RTCDataChannel,
  RTCRtpTransceiver,
} from 'werift'
import { werift } from './werift-lazy.ts'
import { sharedPort, type SfuConfig } from './sfu-config.ts'
import { DownTrackSlots, placeOnSection } from './down-track-slots.ts'
import {
  announceAddress,
  keepCandidates,
  reviveRejectedSections,
  withOneSimulcastLayer,
  withOpusWishes,
  type OpusWish,
} from './sdp.ts'
import { nextTurn } from './turns.ts'
import { withServerDefaults } from './werift-defaults.ts'
import type { CandidateInit } from './participant-transport.ts'
import { useMuxedPort } from './werift-mux.ts'

export type MediaKind = 'audio' | 'video'

/** A track this participant receives, waiting for or holding a send section. */
export interface DownTrackSlot {
  trackSid: string
  /** `PA_<publisher>|TR_<track>`: livekit-client reads the publisher from the stream id. */
  streamId: string
  kind: MediaKind
  /** The codec the publisher sends (`video/VP8`, `video/H264`, `audio/opus`) and its fmtp line. */
  codec(): { mimeType: string; fmtp: string | undefined }
  transceiver?: RTCRtpTransceiver
}

/** What a client's addTrack request announced for one of its tracks (a TrackInfo has these). */
export interface AnnouncedTrack {
  /** `video/VP8`, `video/H264`, `audio/opus`. */
  mimeType: string
  disableDtx: boolean
  stereo: boolean
}

export interface IncomingTrack {
  transceiver: RTCRtpTransceiver
  track: MediaStreamTrack
  /** The client's MediaStreamTrack id (`cid` of its addTrack request). */
  remoteTrackId: string | undefined
  mid: string | null
}

/** `max-bundle`: one transport from the first section on (werift as offerer would open one per section). */
export function createPeerConnection(
  config: SfuConfig,
  bundlePolicy: 'max-compat' | 'max-bundle' = 'max-compat',
): RTCPeerConnection {
  const {
    RTCPeerConnection,
    RTCRtpCodecParameters,
    useAbsSendTime,
    useAudioLevelIndication,
    useNACK,
    usePLI,
    useREMB,
    useSdesMid,
    useSdesRTPStreamId,
    useRepairedRtpStreamId,
  } = werift()
  const shared = sharedPort(config)
  const pc = new RTCPeerConnection({
    codecs: {
      audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 })],
      video: [
        new RTCRtpCodecParameters({
          mimeType: 'video/VP8',
          clockRate: 90000,
          payloadType: 96,
          rtcpFeedback: [useNACK(), usePLI(), useREMB()],
        }),
        // Only when a publisher asks for it (livekit-client `videoCodec: 'h264'`); VP8 otherwise.
        new RTCRtpCodecParameters({
          mimeType: 'video/H264',
          clockRate: 90000,
          payloadType: 102,
          rtcpFeedback: [useNACK(), usePLI(), useREMB()],
          parameters: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
        }),
      ],
    },
    headerExtensions: {
      audio: [useSdesMid(), useAudioLevelIndication()],
      // The rid extensions: Chrome offers simulcast (narrowed to one layer, see sdp.ts) only with them.
      video: [useSdesMid(), useAbsSendTime(), useSdesRTPStreamId(), useRepairedRtpStreamId()],
    },
    iceServers: [],
    iceUseIpv6: false,
    bundlePolicy,
    ...(config.rtcAddresses.length > 0 ? onlyAddresses(config.rtcAddresses) : {}),
    ...(config.portRange && shared === undefined ? { icePortRange: config.portRange } : {}),
    debug: lossDebug(config.simulatedLoss ?? 0),
  })
  // Before the connection gathers: its ICE agents go on the shared socket instead of their own.
  if (shared !== undefined) useMuxedPort(pc, { port: shared, addresses: config.rtcAddresses })
  return withServerDefaults(pc)
}

/**
 * Host candidates on exactly `addresses`, each reachable at its address.
 *
 * - werift adds the machine's own interface addresses to the ones it is given unless one of them
 *   is among those (loopback never is): with 127.0.0.1 every connection opened a second socket
 *   and ran its ICE checks from both. `iceUseIpv4: false` only turns that list off; IPv4 sockets
 *   are still opened for the addresses given.
 * - werift binds every socket of a connection to its one interface address: with two addresses,
 *   the second one's candidate was a socket listening on the first, which no client could reach.
 *   With several, each socket listens on every interface, named after its own address.
 */
export function onlyAddresses(addresses: readonly string[]) {
  return {
    iceUseIpv4: false,
    iceAdditionalHostAddresses: [...addresses],
    ...(addresses.length === 1 ? { iceInterfaceAddresses: { udp4: addresses[0]! } } : {}),
  }
}

/** werift drops a packet when `value / 100 < Math.random()`, so 98 means 2% loss; 0 turns it off. */
function lossDebug(share: number): { inboundPacketLoss?: number; outboundPacketLoss?: number } {
  return share > 0 ? { inboundPacketLoss: 100 - share * 100, outboundPacketLoss: 100 - share * 100 } : {}
}

/** Testing aid: changes the simulated loss of a live connection (werift reads it per packet). */
export function setSimulatedLoss(pc: RTCPeerConnection, share: number): void {
  ;(pc as unknown as { config: { debug: object } }).config.debug = lossDebug(share)
}

/**
 * Makes `transceiver` send (and answer first) the codec a forwarded track is in: werift stamps
 * every packet with its sender's first negotiated codec, and the browser decodes by that number.
 */
export function sendCodec(transceiver: RTCRtpTransceiver, want: { mimeType: string; fmtp: string | undefined }): void {
  const same = (c: RTCRtpCodecParameters) => c.mimeType.toLowerCase() === want.mimeType.toLowerCase()
  const params = (c: RTCRtpCodecParameters) => c.parameters ?? ''
  const matching = transceiver.codecs.filter(same)
  if (matching.length === 0) return
  const best =
    matching.find((c) => want.fmtp !== undefined && params(c) === want.fmtp) ??
    matching.find((c) => /packetization-mode=1/.test(params(c)) && profileOf(params(c)) === profileOf(want.fmtp)) ??
    matching.find((c) => /packetization-mode=1/.test(params(c))) ??
    matching[0]!
  transceiver.codecs = [best, ...transceiver.codecs.filter((c) => c !== best)]
  const sender = transceiver.sender as typeof transceiver.sender & { codec?: RTCRtpCodecParameters }
  sender.codec = best
}

/** H.264's profile (first four hex digits of profile-level-id), which must match to decode. */
function profileOf(fmtp: string | undefined): string | undefined {
  return /profile-level-id=([0-9a-f]{4})/i.exec(fmtp ?? '')?.[1]?.toLowerCase()
}

/** Resolves when the connection has gathered its candidates (at most 3 s). */
export function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve()
  return new Promise((resolve) => {
    const t = setTimeout(resolve, 3000)
    const sub = pc.iceGatheringStateChange.subscribe((state) => {
      if (state !== 'complete') return
      clearTimeout(t)
      sub.unSubscribe()
      resolve()
    })
  })
}

/** The local description as the client gets it: candidates on the served addresses, no rejected sections. */
export function localSdp(pc: RTCPeerConnection, config: SfuConfig): string {
  return announceAddress(
    keepCandidates(reviveRejectedSections(pc.localDescription!.sdp), config.rtcAddresses),
    config.announcedAddress,
  )
}

/** Candidates kept for an offer still to come, at most (a client's own trickle is a few dozen). */
const MAX_CANDIDATES_AHEAD = 64

/** The ICE ufrag a candidate line names (its generation), if it names one. */
function candidateUfrag(candidate: string): string | undefined {
  return /\sufrag\s(\S+)/.exec(candidate)?.[1]
}

/** Browsers without loopback permission hide host addresses behind mDNS names the server cannot resolve. */
export function isMdnsCandidate(candidate: string): boolean {
  return /\.local\s/.test(candidate)
}

export class SfuPeer {
  readonly pc: RTCPeerConnection
  private chain: Promise<unknown> = Promise.resolve()
  /** The ICE ufrag of the client's last offer applied. */
  private remoteUfrag: string | undefined
  /**
   * Candidates of an ICE restart whose offer has not been applied yet. The native SDKs trickle
   * them before they send that offer, and werift forgets every remote candidate when the offer
   * restarts ICE: added at once, they were lost, and the connection did not come back.
   */
  private aheadOfOffer: CandidateInit[] = []
  readonly downTracks = new DownTrackSlots()
  readonly channels = new Map<string, RTCDataChannel>()

  constructor(
    private readonly config: SfuConfig,
    private readonly handlers: {
      onTrack(t: IncomingTrack): void
      onDataChannel(c: RTCDataChannel): void
      /** What the client's addTrack request announced for its track `cid`, if it did. */
      announced(cid: string): AnnouncedTrack | undefined
    },
  ) {
    this.pc = createPeerConnection(config)
    const seen = new Set<string>()
    this.pc.onTrack.subscribe((track) => {
      const transceiver = this.pc
        .getTransceivers()
        .find((t) => t.receiver.track === track || t.receiver.tracks?.includes(track))
      if (!transceiver) return
      // werift reports a track again on every renegotiation; forward it once.
      const key = `${transceiver.mid}:${track.uuid}`
      if (seen.has(key)) return
      seen.add(key)
      handlers.onTrack({ transceiver, track, remoteTrackId: transceiver.receiver.remoteTrackId, mid: transceiver.mid })
    })
    this.pc.onDataChannel.subscribe((channel) => {
      this.channels.set(channel.label, channel)
      handlers.onDataChannel(channel)
    })
  }

  /** Answers an offer, serialized after any answer in progress. Returns the answer SDP. */
  answer(offerSdp: string): Promise<{ sdp: string; midToTrackId: Record<string, string> }> {
    const run = async () => {
      await this.pc.setRemoteDescription({ type: 'offer', sdp: withOneSimulcastLayer(offerSdp) })
      await nextTurn()
      await this.offerApplied(offerSdp)
      this.placeSlots()
      // Each offer renegotiates every section's codecs; a section carries what its publisher sends.
      for (const slot of this.downTracks.all()) if (slot.transceiver) sendCodec(slot.transceiver, slot.codec())
      // A browser sends with the first codec of the answer: put the announced one first.
      const opus: OpusWish[] = []
      for (const t of this.pc.getTransceivers()) {
        const announced = t.receiver.remoteTrackId ? this.handlers.announced(t.receiver.remoteTrackId) : undefined
        if (!announced) continue
        sendCodec(t, { mimeType: announced.mimeType, fmtp: undefined })
        if (t.mid && announced.mimeType === 'audio/opus')
          opus.push({ mid: t.mid, dtx: !announced.disableDtx, stereo: announced.stereo })
      }
      const retired = [...this.downTracks.retiring]
      await this.pc.setLocalDescription(await this.pc.createAnswer())
      await nextTurn()
      // This answer told the client those sections are inactive; from now on they can carry a new track.
      for (const t of retired) this.downTracks.retiring.delete(t)
      await gathered(this.pc)
      // werift would reuse "inactive" sections for later tracks and lose their mids.
      for (const t of this.pc.getTransceivers()) t.usedForSender = true
      const sdp = withOpusWishes(localSdp(this.pc, this.config), opus)
      return { sdp, midToTrackId: this.downTracks.midToTrackId() }
    }
    const next = this.chain.then(run, run)
    this.chain = next.catch(() => undefined)
    return next
  }

  async addCandidate(candidate: CandidateInit): Promise<void> {
    if (isMdnsCandidate(candidate.candidate)) return
    const ufrag = candidateUfrag(candidate.candidate)
    if (ufrag !== undefined && this.remoteUfrag !== undefined && ufrag !== this.remoteUfrag) {
      if (this.aheadOfOffer.length >= MAX_CANDIDATES_AHEAD) this.aheadOfOffer.shift()
      this.aheadOfOffer.push(candidate)
      return
    }
    await this.pc.addIceCandidate(candidate)
  }

  /** After an offer: its candidates that came first are added, older ones dropped. */
  private async offerApplied(offerSdp: string): Promise<void> {
    this.remoteUfrag = /^a=ice-ufrag:(\S+)/m.exec(offerSdp)?.[1]
    const ahead = this.aheadOfOffer
    this.aheadOfOffer = []
    for (const c of ahead) if (candidateUfrag(c.candidate) === this.remoteUfrag) await this.pc.addIceCandidate(c)
  }

  /** Receive-only sections the client has offered so far, carrying a track or not. */
  receiveSections(kind: MediaKind): number {
    return this.pc.getTransceivers().filter((t) => t.kind === kind && t.offerDirection === 'sendonly').length
  }

  /** Tracks wait for a section, or sections wait for an answer that makes them inactive. */
  needsNegotiation(): boolean {
    return this.downTracks.retiring.size > 0 || this.downTracks.waiting().length > 0
  }

  /** Receive-only sections the client offered that carry nothing yet, per kind. */
  freeSections(kind: MediaKind): number {
    const taken = this.downTracks.taken()
    return this.pc.getTransceivers().filter((t) => this.isFree(t, kind, taken)).length
  }

  /**
   * A receive-only section of the client's that carries nothing. A section whose track was just
   * removed is not free until an answer has marked it inactive: a browser fires no new `track`
   * event for a section that goes straight from one track to the next.
   */
  private isFree(t: RTCRtpTransceiver, kind: MediaKind, taken: Set<RTCRtpTransceiver | undefined>): boolean {
    return (
      t.kind === kind &&
      t.offerDirection === 'sendonly' &&
      !taken.has(t) &&
      !t.receiver.remoteTrackId &&
      !this.downTracks.retiring.has(t)
    )
  }

  /** Puts waiting tracks on free receive-only sections before an answer is made. */
  private placeSlots(): void {
    for (const slot of this.downTracks.waiting()) {
      const taken = this.downTracks.taken()
      const free = this.pc.getTransceivers().find((t) => this.isFree(t, slot.kind, taken))
      if (free) placeOnSection(slot, free)
    }
  }

  setSimulatedLoss(share: number): void {
    setSimulatedLoss(this.pc, share)
  }

  async close(): Promise<void> {
    await this.pc.close().catch(() => undefined)
  }
}
