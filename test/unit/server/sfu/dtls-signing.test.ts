import { createPublicKey, verify } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type * as Werift from 'werift'
import { loadWerift } from '../../../../server/media/sfu/werift-lazy.ts'

let w: typeof Werift
beforeAll(async () => {
  w = await loadWerift()
})

const CLIENT = 1

async function certificate(signature: 'ecdsa' | 'rsa') {
  const { SignatureAlgorithm, HashAlgorithm, NamedCurveAlgorithm, CipherContext } = w
  return CipherContext.createSelfSignedCertificateWithKey(
    {
      signature: signature === 'ecdsa' ? SignatureAlgorithm.ecdsa_3 : SignatureAlgorithm.rsa_1,
      hash: HashAlgorithm.sha256_4,
    },
    NamedCurveAlgorithm.secp256r1_23,
  )
}

type Cipher = Werift.CipherContext & {
  localPrivateKey: { sign(data: Buffer, hash: string): Buffer }
  signatureData(data: Buffer, hash: string): Buffer
}

function cipherOf(c: Awaited<ReturnType<typeof certificate>>): Cipher {
  return new w.CipherContext(CLIENT, c.certPem, c.keyPem, c.signatureHash) as Cipher
}

const data = Buffer.from('the handshake messages so far')

describe("werift's DTLS signs with a key parsed once", () => {
  it('signs CertificateVerify and ServerKeyExchange so that the certificate verifies them', async () => {
    const cert = await certificate('ecdsa')
    const cipher = cipherOf(cert)
    const publicKey = createPublicKey(cert.certPem)
    expect(verify('sha256', data, publicKey, cipher.signatureData(data, 'sha256'))).toBe(true)
    expect(verify('sha256', data, publicKey, cipher.localPrivateKey.sign(data, 'sha256'))).toBe(true)
    expect(verify('sha256', Buffer.from('other bytes'), publicKey, cipher.signatureData(data, 'sha256'))).toBe(false)
  })

  it("shares one parse among a certificate's connections", async () => {
    const cert = await certificate('ecdsa')
    const [a, b] = [cipherOf(cert), cipherOf(cert)]
    expect(a.localPrivateKey).toBe(b.localPrivateKey)
    expect(a.localCert).toBe(b.localCert)
  })

  it('signs with the key of the certificate each connection has, RSA too', async () => {
    const [ec, rsa] = [await certificate('ecdsa'), await certificate('rsa')]
    for (const cert of [ec, rsa, ec]) {
      const signature = cipherOf(cert).signatureData(data, 'sha256')
      expect(verify('sha256', data, createPublicKey(cert.certPem), signature)).toBe(true)
    }
  })
})
