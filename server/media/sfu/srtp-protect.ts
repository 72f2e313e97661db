/**
 * SRTP protection of outgoing RTP (RFC 3711 AES-CM-128 + HMAC-SHA1-80, RFC 7714 AEAD-AES-128-GCM)
 * with the session keys werift derived for a connection. The forwarding path writes each
 * subscriber's RTP header itself; this turns header + payload into the packet that goes on the
 * wire, in one allocation, with the rollover counter the caller tracks.
 */
import crypto from 'node:crypto'

/** SRTP protection profiles (the DTLS-SRTP registry numbers werift uses). */
export const PROFILE_AES_CM_128_HMAC_SHA1_80 = 0x0001
export const PROFILE_AEAD_AES_128_GCM = 0x0007

const CM_TAG_BYTES = 10
const GCM_TAG_BYTES = 16

/** werift's SRTP session keys of one direction (`SrtpContext`: the KDF output, RFC 3711 4.3). */
export interface SessionKeys {
  profile: number
  srtpSessionKey: Buffer
  srtpSessionSalt: Buffer
  /** HMAC key; only AES-CM uses it. */
  srtpSessionAuthTag?: Buffer
}

export class SrtpProtector {
  readonly tagBytes: number
  private readonly iv: Buffer
  private readonly rocBytes = Buffer.alloc(4)
  private readonly gcm: boolean

  constructor(private readonly keys: SessionKeys) {
    if (keys.profile === PROFILE_AEAD_AES_128_GCM) this.gcm = true
    else if (keys.profile === PROFILE_AES_CM_128_HMAC_SHA1_80 && keys.srtpSessionAuthTag) this.gcm = false
    else throw new Error(`unsupported SRTP profile ${keys.profile}`)
    this.tagBytes = this.gcm ? GCM_TAG_BYTES : CM_TAG_BYTES
    this.iv = Buffer.alloc(this.gcm ? 12 : 16)
  }

  /** Whether `profile` is one this class protects. */
  static supports(profile: number): boolean {
    return profile === PROFILE_AEAD_AES_128_GCM || profile === PROFILE_AES_CM_128_HMAC_SHA1_80
  }

  /**
   * The SRTP packet of `header` (serialized RTP header, extensions included) and `payload`, for
   * packet index `roc` × 2^16 + the header's sequence number.
   */
  protect(header: Buffer, payload: Buffer, ssrc: number, sequenceNumber: number, roc: number): Buffer {
    const out = Buffer.allocUnsafe(header.length + payload.length + this.tagBytes)
    header.copy(out, 0)
    if (this.gcm) this.sealGcm(out, header, payload, ssrc, sequenceNumber, roc)
    else this.sealCm(out, header.length, payload, ssrc, sequenceNumber, roc)
    return out
  }

  /** RFC 7714 8.1: IV = (0x0000 ‖ SSRC ‖ ROC ‖ SEQ) XOR salt; the header is the AAD. */
  private sealGcm(out: Buffer, header: Buffer, payload: Buffer, ssrc: number, seq: number, roc: number): void {
    const iv = this.iv
    const salt = this.keys.srtpSessionSalt
    iv.writeUInt16BE(0, 0)
    iv.writeUInt32BE(ssrc >>> 0, 2)
    iv.writeUInt32BE(roc >>> 0, 6)
    iv.writeUInt16BE(seq, 10)
    for (let i = 0; i < 12; i++) iv[i]! ^= salt[i]!
    const cipher = crypto.createCipheriv('aes-128-gcm', this.keys.srtpSessionKey, iv)
    cipher.setAAD(header)
    const enc = cipher.update(payload)
    cipher.final()
    enc.copy(out, header.length)
    cipher.getAuthTag().copy(out, header.length + enc.length)
  }

  /** RFC 3711 4.1.1 and 4.2: counter = (salt ‖ 0x0000) XOR (SSRC << 64) XOR (index << 16). */
  private sealCm(out: Buffer, headerBytes: number, payload: Buffer, ssrc: number, seq: number, roc: number): void {
    const iv = this.iv
    const salt = this.keys.srtpSessionSalt
    iv.fill(0)
    iv.writeUInt32BE(ssrc >>> 0, 4)
    iv.writeUInt32BE(roc >>> 0, 8)
    iv.writeUInt16BE(seq, 12)
    for (let i = 0; i < 14; i++) iv[i]! ^= salt[i]!
    const cipher = crypto.createCipheriv('aes-128-ctr', this.keys.srtpSessionKey, iv)
    const enc = cipher.update(payload)
    enc.copy(out, headerBytes)
    this.rocBytes.writeUInt32BE(roc >>> 0, 0)
    const end = headerBytes + enc.length
    crypto
      .createHmac('sha1', this.keys.srtpSessionAuthTag!)
      .update(out.subarray(0, end))
      .update(this.rocBytes)
      .digest()
      .copy(out, end, 0, CM_TAG_BYTES)
  }
}
