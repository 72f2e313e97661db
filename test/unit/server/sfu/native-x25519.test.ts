import { describe, expect, it } from 'vitest'
import { loadWerift } from '../../../../server/media/sfu/werift-lazy.ts'
import { weriftTweetnacl, x25519KeyPair, x25519SharedSecret } from '../../../../server/media/sfu/native-x25519.ts'

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'))
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe("werift's X25519 through Node's crypto", () => {
  it('gives the shared secret of RFC 7748 section 6.1', () => {
    const alice = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a')
    const bobPublic = hex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f')
    expect(toHex(x25519SharedSecret(alice, bobPublic))).toBe(
      '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
    )
  })

  it("makes key pairs tweetnacl agrees with, each key in a buffer of its own (werift reads '.buffer')", () => {
    const nacl = weriftTweetnacl() as unknown as { scalarMult: { base(n: Uint8Array): Uint8Array } }
    for (let i = 0; i < 20; i++) {
      const a = x25519KeyPair()
      const b = x25519KeyPair()
      expect(a.secretKey.buffer.byteLength).toBe(32)
      expect(a.publicKey.buffer.byteLength).toBe(32)
      // scalarMult.base is tweetnacl's own, never replaced.
      expect(toHex(nacl.scalarMult.base(a.secretKey))).toBe(toHex(a.publicKey))
      expect(toHex(x25519SharedSecret(a.secretKey, b.publicKey))).toBe(
        toHex(x25519SharedSecret(b.secretKey, a.publicKey)),
      )
    }
  })

  it('answers a small-order peer key with zeros, as tweetnacl did, instead of throwing inside a handshake', () => {
    expect(toHex(x25519SharedSecret(x25519KeyPair().secretKey, new Uint8Array(32)))).toBe('00'.repeat(32))
  })

  it('is what werift calls once it is loaded', async () => {
    await loadWerift()
    const nacl = weriftTweetnacl()
    expect(nacl.scalarMult).toBe(x25519SharedSecret)
    expect(nacl.box.keyPair).toBe(x25519KeyPair)
  })
})
