/**
 * What the forwarding path needs from a werift connection that werift's typed API does not
 * expose: the SRTP session keys it derived after DTLS, and the UDP socket and address of the
 * nominated ICE pair. werift's own `RTCRtpSender.sendRtp` reaches the socket through four async
 * layers (a promise each) per packet; the SFU sends each forwarded packet straight to it.
 * Everything read here is a plain property of werift 0.24's objects; a missing one makes the
 * caller wait (keys) or take werift's generic ICE send (socket).
 */
import type { Socket } from 'node:dgram'
import type { RTCDtlsTransport } from 'werift'
import { SrtpProtector, type SessionKeys } from './srtp-protect.ts'
import { sendingPair } from './ice-restart-keeps-pair.ts'

interface IcePair {
  /** What werift's `remoteAddr` getter reads; the getter builds a new array on every call. */
  remoteCandidate: { host: string; port: number }
  protocol: { type?: string; transport?: { socketType?: string; socket?: Socket; closed?: boolean } }
  packetsSent: number
  bytesSent: number
}

interface IceConnection {
  nominated?: IcePair
  state: string
  send(data: Buffer): Promise<void>
  canSendApplicationData?(): boolean
}

interface DtlsInternals {
  state: string
  srtp?: { localContext?: Partial<SessionKeys> & { profile?: number } }
  config: { debug?: { outboundPacketLoss?: number } }
  iceTransport: { connection: IceConnection }
  bytesSent: number
  packetsSent: number
}

const protectors = new WeakMap<object, SrtpProtector>()

/**
 * The protector for the connection's current SRTP session (a new DTLS handshake makes a new
 * session, and so a new protector), or undefined before DTLS is done.
 */
export function protectorOf(dtls: RTCDtlsTransport): SrtpProtector | undefined {
  const context = (dtls as unknown as DtlsInternals).srtp?.localContext
  if (!context) return undefined
  let protector = protectors.get(context)
  if (!protector) {
    const { profile, srtpSessionKey, srtpSessionSalt, srtpSessionAuthTag } = context
    if (profile === undefined || !srtpSessionKey || !srtpSessionSalt || !SrtpProtector.supports(profile))
      return undefined
    protector = new SrtpProtector({ profile, srtpSessionKey, srtpSessionSalt, srtpSessionAuthTag })
    protectors.set(context, protector)
  }
  return protector
}

/**
 * Sends one SRTP/SRTCP datagram on the connection, as werift would (simulated loss, consent,
 * counters), without its promises when the nominated pair is a plain UDP socket.
 */
export function sendDatagram(dtls: RTCDtlsTransport, data: Buffer): void {
  const d = dtls as unknown as DtlsInternals
  const loss = d.config.debug?.outboundPacketLoss
  // werift drops a packet when `value / 100 < Math.random()` (sfu-peer.ts sets the value).
  if (loss && loss / 100 < Math.random()) return
  const connection = d.iceTransport.connection
  const pair = sendingPair(connection)
  // Consent is checked on the nominated pair; during an ICE restart there is none to check.
  if (!pair || (connection.nominated && connection.canSendApplicationData?.() === false)) return
  d.bytesSent += data.length
  d.packetsSent++
  const transport = pair.protocol.transport
  // A host or server-reflexive pair is one UDP socket: werift's own, or with one shared port the
  // mux's (udp-mux.ts), which reaches this connection's client at the pair's remote address just
  // the same. TCP and TURN pairs go through werift.
  if (
    pair.protocol.type === 'stun' &&
    transport?.socket &&
    transport.socketType?.startsWith('udp') &&
    !transport.closed
  ) {
    transport.socket.send(data, pair.remoteCandidate.port, pair.remoteCandidate.host)
    pair.packetsSent++
    pair.bytesSent += data.length
  } else {
    connection.send(data).catch(() => undefined)
  }
}

export function isConnected(dtls: RTCDtlsTransport | undefined): dtls is RTCDtlsTransport {
  return (dtls as unknown as DtlsInternals | undefined)?.state === 'connected'
}
