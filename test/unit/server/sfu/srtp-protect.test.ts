import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  ProtectionProfileAeadAes128Gcm,
  ProtectionProfileAes128CmHmacSha1_80,
  RtpHeader,
  RtpPacket,
  SrtpSession,
} from 'werift'
import { SrtpProtector, type SessionKeys } from '../../../../server/media/sfu/srtp-protect.ts'

/** A sender's and a receiver's werift SRTP sessions over the same master keys. */
function sessions(profile: number) {
  const saltBytes = profile === ProtectionProfileAeadAes128Gcm ? 12 : 14
  const a = { key: crypto.randomBytes(16), salt: crypto.randomBytes(saltBytes) }
  const b = { key: crypto.randomBytes(16), salt: crypto.randomBytes(saltBytes) }
  const session = (local: typeof a, remote: typeof a) =>
    new SrtpSession({
      keys: {
        localMasterKey: local.key,
        localMasterSalt: local.salt,
        remoteMasterKey: remote.key,
        remoteMasterSalt: remote.salt,
      },
      profile: profile as never,
    })
  const sender = session(a, b)
  const receiver = session(b, a)
  const keys = sender.localContext as unknown as SessionKeys
  return { sender, receiver, protector: new SrtpProtector({ ...keys, profile }) }
}

function packet(sequenceNumber: number, payloadBytes: number) {
  const header = new RtpHeader({
    payloadType: 96,
    sequenceNumber,
    timestamp: 123456789,
    ssrc: 0xdeadbeef,
    marker: true,
    extension: true,
    extensions: [{ id: 1, payload: Buffer.from('0') }],
  })
  return new RtpPacket(header, crypto.randomBytes(payloadBytes))
}

describe.each([
  ['AES-CM-128 + HMAC-SHA1-80', ProtectionProfileAes128CmHmacSha1_80],
  ['AEAD-AES-128-GCM', ProtectionProfileAeadAes128Gcm],
])('SRTP protection, %s', (_name, profile) => {
  it('writes the bytes werift writes, and werift opens them', () => {
    const { sender, receiver, protector } = sessions(profile)
    for (const [seq, bytes] of [
      [1000, 1100],
      [1001, 3],
      [1002, 0],
    ] as const) {
      const rtp = packet(seq, bytes)
      const ours = protector.protect(rtp.header.serialize(rtp.header.serializeSize), rtp.payload, 0xdeadbeef, seq, 0)
      expect(ours.equals(sender.encrypt(rtp.payload, rtp.header))).toBe(true)
      const opened = RtpPacket.deSerialize(receiver.decrypt(ours))
      expect(opened.header.sequenceNumber).toBe(seq)
      expect(opened.payload.equals(rtp.payload)).toBe(true)
    }
  })

  it('uses the rollover counter it is given (packets after a sequence wrap open)', () => {
    const { receiver, protector } = sessions(profile)
    let roc = 0
    for (let i = 0; i < 6; i++) {
      const seq = (65533 + i) & 0xffff
      if (seq === 0) roc++
      const rtp = packet(seq, 200)
      const srtp = protector.protect(rtp.header.serialize(rtp.header.serializeSize), rtp.payload, 0xdeadbeef, seq, roc)
      expect(RtpPacket.deSerialize(receiver.decrypt(srtp)).payload.equals(rtp.payload)).toBe(true)
    }
  })

  it('refuses a tampered packet', () => {
    const { receiver, protector } = sessions(profile)
    const rtp = packet(7, 100)
    const srtp = protector.protect(rtp.header.serialize(rtp.header.serializeSize), rtp.payload, 0xdeadbeef, 7, 0)
    srtp[srtp.length - 20]! ^= 1
    expect(() => receiver.decrypt(srtp)).toThrow()
  })
})
