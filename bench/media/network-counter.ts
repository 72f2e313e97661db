/**
 * Counts a synthetic client's incoming RTP at the network layer: the RTP header (SSRC, sequence
 * number) is in clear in SRTP, so the packets need not be decrypted, parsed and routed through
 * werift to be counted. Forty synthetic subscribers in one Node process then cost a fraction of
 * the server under test, instead of more than it. One packet in 64 is still opened with the real
 * SRTP session, so a server that protects packets wrongly shows up as `authFailures`; Chromium
 * subscribers check the media end to end (they decode it).
 */
import type { RTCPeerConnection } from 'werift'

/** An RTP packet addressed to no receiver: werift parses it and drops it. */
const NOWHERE = Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
const CHECK_EVERY = 64

export class NetworkCounter {
  packets = 0
  authFailures = 0
  /** Per SSRC: first and highest sequence number (extended past wrap-arounds) and packets received. */
  private readonly streams = new Map<number, { first: number; highest: number; received: number }>()
  private seen = 0

  /** Takes over the connection's incoming RTP; returns false before DTLS is done. */
  attach(pc: RTCPeerConnection): boolean {
    const srtp = (pc.dtlsTransports[0] as unknown as { srtp?: { decrypt(buf: Buffer): Buffer } } | undefined)?.srtp
    if (!srtp) return false
    const open = srtp.decrypt.bind(srtp)
    srtp.decrypt = (buf: Buffer) => {
      if (buf.length >= 12) this.record(buf.readUInt32BE(8), buf.readUInt16BE(2))
      if (++this.seen % CHECK_EVERY === 0) {
        try {
          open(buf)
        } catch {
          this.authFailures++
        }
      }
      return NOWHERE
    }
    return true
  }

  /** Packets missing so far: expected from the sequence numbers minus received (RFC 3550 6.4.1), so reordering is no loss. */
  get lost(): number {
    let lost = 0
    for (const s of this.streams.values()) lost += Math.max(0, s.highest - s.first + 1 - s.received)
    return lost
  }

  /** One packet arrived (also called for packets werift delivered before `attach`). */
  record(ssrc: number, seq: number): void {
    this.packets++
    const s = this.streams.get(ssrc)
    if (!s) {
      this.streams.set(ssrc, { first: seq, highest: seq, received: 1 })
      return
    }
    s.received++
    const delta = ((seq - (s.highest & 0xffff) + 0x8000) & 0xffff) - 0x8000
    if (delta > 0) s.highest += delta
  }
}
