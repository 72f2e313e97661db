/**
 * werift behaviours the SFU's connections must not keep.
 *
 * No default STUN server: werift's ICE agent falls back to `stun.l.google.com:19302` when none is
 * configured, and an answer waits for that lookup and request (up to 5 s) before it carries its
 * candidates. On a closed network every join then waits on DNS; with twenty people joining at
 * once the resolver's four threads queue and joins took 5–11 s. The SFU knows its addresses
 * (ATRIUM_RTC_ANNOUNCED_ADDRESS covers a NAT), so it asks no STUN server.
 *
 * One HelloVerifyRequest: werift answers an `actpass` offer as the DTLS client, and its client
 * fails the whole handshake when a HelloVerifyRequest arrives twice (it throws in its flight 3).
 * A DTLS server that verifies cookies (werift, pion) sends one per ClientHello, so a second one
 * comes whenever it answers after werift's first retransmission (500 ms): a busy or distant
 * client, or thirty joining at once. Browsers send none. Repeats are dropped before werift sees
 * them; that is safe because the server keeps one cookie per handshake, and the ClientHello that
 * answered the first is retransmitted if lost.
 *
 * No HelloVerifyRequest from werift's own DTLS server (`dtls-without-cookie.ts`).
 *
 * The fingerprint read again for every section: werift's `RTCCertificate.getFingerprints` decodes
 * the certificate's PEM and hashes it each time, and every answer and offer asks once per
 * m-section. In a class of thirty joining at once that was about a second of CPU. The certificate
 * never changes, so each one's fingerprint is worked out once.
 *
 * The client's fingerprints merged again only when a section names a new one
 * (`remoteFingerprintsMergedOnlyWhenNew`, below).
 *
 * Checks after nomination (`stopChecksAtNomination`, below).
 *
 * A trickled candidate added without writing out the whole remote description
 * (`candidatesWithoutSdpText`, below).
 *
 * Media kept on the pair in use while an ICE restart runs (`ice-restart-keeps-pair.ts`).
 *
 * RTP headers read without strings (`rtp-header-parse.ts`).
 *
 * Session descriptions read in one pass (`sdp-parse.ts`).
 */
import type * as Werift from 'werift'
import type { RTCPeerConnection } from 'werift'
import { keepEarlyDtlsPackets, startDtlsAtOnce } from './dtls-start.ts'
import { nativeX25519 } from './native-x25519.ts'
import { signWithParsedKey } from './dtls-signing.ts'
import { largeSocketBuffers } from './socket-buffers.ts'
import { demuxByMid } from './mid-demux.ts'
import { keepPairThroughIceRestart } from './ice-restart-keeps-pair.ts'
import { dtlsServersWithoutCookie } from './dtls-without-cookie.ts'
import { parseRtpHeadersWithoutStrings } from './rtp-header-parse.ts'
import { parseSdpInOnePass } from './sdp-parse.ts'

const DTLS_HANDSHAKE = 22
const HELLO_VERIFY_REQUEST = 3

/** The process-wide fixes, applied when werift loads (by the SFU, and by the benchmarks' werift clients). */
export function fixWerift(m: typeof Werift): void {
  fingerprintEachCertificateOnce(m)
  remoteFingerprintsMergedOnlyWhenNew(m)
  nativeX25519()
  signWithParsedKey(m)
  largeSocketBuffers(m)
  startDtlsAtOnce(m)
  stopChecksAtNomination(m)
  candidatesWithoutSdpText(m)
  keepPairThroughIceRestart(m)
  dtlsServersWithoutCookie(m)
  parseRtpHeadersWithoutStrings(m)
  parseSdpInOnePass(m)
}

let candidatesPatched = false

/**
 * werift's `addIceCandidate` asks whether a remote description is set through the public getter,
 * which writes the whole description out as SDP text each time: with a classroom's thirty-odd
 * sections, about 3 ms of the room's thread for every candidate a browser trickles (a join storm
 * spent 55 ms of its 2.5 s there). The description object itself answers the same question.
 */
export function candidatesWithoutSdpText({ RTCPeerConnection }: Pick<typeof Werift, 'RTCPeerConnection'>): void {
  if (candidatesPatched) return
  candidatesPatched = true
  const proto = RTCPeerConnection.prototype as unknown as {
    addIceCandidate(this: PeerInternals, candidate?: unknown): Promise<void>
  }
  interface PeerInternals {
    isClosed: boolean
    sdpManager: { _remoteDescription?: unknown }
    applyRemoteIceCandidate(candidate: unknown): Promise<void>
  }
  const add = proto.addIceCandidate
  proto.addIceCandidate = function (candidate = {}) {
    // werift's own path when closed (it throws) or before a remote description (it holds the candidate).
    if (this.isClosed || !this.sdpManager._remoteDescription) return add.call(this, candidate)
    return this.applyRemoteIceCandidate(candidate)
  }
}

let checksStopAtNomination = false

/**
 * werift's ICE agent reports "connected" only after it has checked every candidate pair, at one
 * check per 20 ms, even once a pair is nominated. Browsers trickle their candidates, most of them
 * after the SFU's answer; those arriving after the nomination were checked one by one before DTLS
 * could start, about 100 ms of every browser's join. Once a pair is nominated and the check list
 * is done, no more checks are scheduled (werift already fails the pairs waiting at nomination).
 */
export function stopChecksAtNomination({ Connection }: Pick<typeof Werift, 'Connection'>): void {
  if (checksStopAtNomination) return
  checksStopAtNomination = true
  const proto = Connection.prototype as unknown as {
    schedulingChecks(this: { nominated?: unknown; checkListDone: boolean }): boolean
  }
  const schedule = proto.schedulingChecks
  proto.schedulingChecks = function () {
    if (this.nominated && this.checkListDone) return false
    return schedule.call(this)
  }
}

/**
 * The first two, for every connection the SFU makes (the third, for the whole process, when werift
 * loads), DTLS packets that arrive before DTLS starts kept for it (dtls-start.ts), and keyframe
 * requests delivered to the sender they are about, and media whose SSRC the offer never named
 * found by its MID (mid-demux.ts).
 */
export function withServerDefaults<T extends RTCPeerConnection>(pc: T): T {
  return demuxByMid(keyframeRequestsToSenders(keepEarlyDtlsPackets(ignoreRepeatedHelloVerify(withoutDefaultStun(pc)))))
}

const PAYLOAD_SPECIFIC_FEEDBACK = 206
const REMB = 15
const FULL_INTRA_REQUEST = 4

interface RtcpTarget {
  handleRtcpPacket(packet: unknown): void
  onPictureLossIndication?: { execute(): void }
}

/**
 * werift's RTCP router looks a payload-specific request (PLI, FIR) up by the SSRC of whoever sent
 * it before the SSRC it is about. A werift client (or any that announces an SSRC for its receive
 * sections) signs its requests with the SSRC its offer announced for that receive section, which
 * werift registered as one of its own receivers: the request went to that receiver and was
 * dropped, and the publisher never heard it. A request
 * whose media SSRC is one of this connection's senders now goes to that sender. (Browsers sign
 * with an SSRC the SFU does not know, so theirs already arrived.)
 *
 * A Full Intra Request (RFC 5104) names its streams in its FCI entries and leaves the media SSRC
 * zero, and werift's senders act on PLIs only: a FIR went nowhere. Each stream a FIR names that
 * is one of this connection's senders now gets a picture loss, which the SFU turns into a
 * keyframe request to the publisher like any other (spaced and coalesced there, so a repeated
 * FIR asks no more than a repeated PLI).
 */
export function keyframeRequestsToSenders<T extends RTCPeerConnection>(pc: T): T {
  const router = (pc as unknown as { router: { routeRtcp(p: unknown): void; ssrcTable: Record<number, RtcpTarget> } })
    .router
  const route = router.routeRtcp
  router.routeRtcp = (packet) => {
    const p = packet as {
      type?: number
      feedback?: { count?: number; mediaSsrc?: number; fir?: { ssrc: number }[] }
    }
    if (p.type === PAYLOAD_SPECIFIC_FEEDBACK && p.feedback?.count === FULL_INTRA_REQUEST) {
      for (const { ssrc } of p.feedback.fir ?? []) router.ssrcTable[ssrc]?.onPictureLossIndication?.execute()
      return
    }
    if (p.type === PAYLOAD_SPECIFIC_FEEDBACK && p.feedback?.count !== REMB && p.feedback?.mediaSsrc !== undefined) {
      const target = router.ssrcTable[p.feedback.mediaSsrc]
      if (target?.onPictureLossIndication) return target.handleRtcpPacket(packet)
    }
    route(packet)
  }
  return pc
}

let fingerprintsCached = false

/** Replaces werift's `getFingerprints` (once per process) by one that remembers each certificate's. */
export function fingerprintEachCertificateOnce({
  RTCCertificate,
  RTCDtlsFingerprint,
}: Pick<typeof Werift, 'RTCCertificate' | 'RTCDtlsFingerprint'>): void {
  if (fingerprintsCached) return
  fingerprintsCached = true
  const proto = RTCCertificate.prototype
  const compute = proto.getFingerprints
  const known = new WeakMap<object, { algorithm: string; value: string }[]>()
  proto.getFingerprints = function (this: InstanceType<typeof RTCCertificate>) {
    let fingerprints = known.get(this)
    if (!fingerprints) {
      fingerprints = compute.call(this).map((f) => ({ algorithm: f.algorithm, value: f.value }))
      known.set(this, fingerprints)
    }
    // Fresh objects each time, as werift made them: callers may keep or change what they get.
    return fingerprints.map((f) => new RTCDtlsFingerprint(f.algorithm, f.value))
  }
}

let remoteFingerprintsShortcut = false

interface DtlsParams {
  fingerprints: { algorithm: string; value: string }[]
  role: string
}

/**
 * werift's `RTCDtlsTransport.setRemoteParams`, called for every m-section of every description
 * applied, merges the section's fingerprints with those it has by normalizing each one again
 * (a regular expression over the hex digits and colons of every fingerprint, old and new). With
 * one transport for all of a classroom's thirty-odd sections that was about 3% of the room's
 * thread while a class joined at once (CPU profile). A section that names only fingerprints already known exactly
 * changes nothing but, perhaps, the role, so werift's merge is skipped for it.
 */
export function remoteFingerprintsMergedOnlyWhenNew({
  RTCDtlsTransport,
  RTCDtlsParameters,
}: Pick<typeof Werift, 'RTCDtlsTransport' | 'RTCDtlsParameters'>): void {
  if (remoteFingerprintsShortcut) return
  remoteFingerprintsShortcut = true
  const proto = RTCDtlsTransport.prototype as unknown as {
    setRemoteParams(this: { remoteParameters?: DtlsParams }, params: DtlsParams): void
  }
  const merge = proto.setRemoteParams
  proto.setRemoteParams = function (params) {
    const known = this.remoteParameters
    const isKnown = (f: DtlsParams['fingerprints'][number]) =>
      known!.fingerprints.some((k) => k.algorithm === f.algorithm && k.value === f.value)
    if (!known || !params.fingerprints.every(isKnown)) return merge.call(this, params)
    // werift's rule: "auto" keeps the role already set.
    const role = params.role === 'auto' && known.role ? known.role : params.role
    if (role !== known.role) {
      this.remoteParameters = new RTCDtlsParameters(known.fingerprints as never, role as never) as never
    }
  }
}

/** Gathers host candidates only when `pc` has no STUN server of its own. */
export function withoutDefaultStun<T extends RTCPeerConnection>(pc: T): T {
  // A new ICE transport announces its first gathering synchronously, before it starts.
  pc.iceGatheringStateChange.subscribe((state) => {
    if (state !== 'gathering') return
    for (const transport of pc.iceTransports) {
      const connection = transport.connection as { stunServer?: unknown; options?: { stunServer?: unknown } }
      if (connection.options?.stunServer === undefined) connection.stunServer = undefined
    }
  })
  return pc
}

function isHelloVerifyRequest(buf: Buffer): boolean {
  // DTLS record header (13 bytes: type, version, epoch, sequence number, length), then the handshake type.
  return buf.length > 13 && buf[0] === DTLS_HANDSHAKE && buf.readUInt16BE(3) === 0 && buf[13] === HELLO_VERIFY_REQUEST
}

/** Lets only the first HelloVerifyRequest of each ICE transport reach werift's DTLS client. */
export function ignoreRepeatedHelloVerify<T extends RTCPeerConnection>(pc: T): T {
  const guarded = new WeakSet<object>()
  // ICE checks start before any DTLS packet can arrive.
  pc.iceConnectionStateChange.subscribe(() => {
    for (const transport of pc.iceTransports) {
      const onData = (transport.connection as unknown as { onData: { execute: (data: Buffer) => void } }).onData
      if (guarded.has(onData)) continue
      guarded.add(onData)
      const deliver = onData.execute
      let seen = false
      onData.execute = (data: Buffer) => {
        if (isHelloVerifyRequest(data)) {
          if (seen) return
          seen = true
        }
        deliver(data)
      }
    }
  })
  return pc
}
