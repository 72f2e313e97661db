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
  lost = 0
  authFailures = 0
  private readonly highest = new Map<number, number>()
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

  /** One packet arrived (also called for packets werift delivered before `attach`). */
  record(ssrc: number, seq: number): void {
    this.packets++
    const last = this.highest.get(ssrc)
    if (last !== undefined) {
      const delta = ((seq - last + 0x8000) & 0xffff) - 0x8000
      if (delta <= 0) return
      this.lost += delta - 1
    }
    this.highest.set(ssrc, seq)
  }
}
