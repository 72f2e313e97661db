/**
 * werift's DTLS parses its certificate and key from PEM text (in JavaScript, with @fidm/x509) for
 * every connection, and signs each handshake with the key handed to OpenSSL as PEM text again,
 * which OpenSSL 3 decodes through its generic decoder search: 0.43 ms a signature, of which the
 * signing is 0.03. A process has one certificate for all its connections (werift makes it once),
 * so it is parsed once, and its key is kept as a key object that signs without decoding.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto'
import type * as Werift from 'werift'

/** What werift keeps of a parsed certificate in each connection's cipher context. */
interface Identity {
  localCert: unknown
  localPrivateKey: Signer
}

interface Signer {
  sign(data: Buffer, hashAlgorithm: string): Buffer
}

interface CipherContextProto {
  localCert: unknown
  localPrivateKey: Signer
  signatureHashAlgorithm: unknown
  parseX509(certPem: string, keyPem: string, signatureHash: unknown): void
  signatureData(data: Buffer, hashAlgorithm: string): Buffer
}

/** Key types OpenSSL signs for TLS 1.2 exactly as `createSign(hash).sign(pem)` does. */
const PLAIN_SIGNATURES = new Set(['ec', 'rsa'])

let patched = false

export function signWithParsedKey({ CipherContext }: Pick<typeof Werift, 'CipherContext'>): void {
  if (patched) return
  patched = true
  const proto = CipherContext.prototype as unknown as CipherContextProto
  const parse = proto.parseX509
  const signData = proto.signatureData
  const fast = new WeakSet<Signer>()
  let last: { certPem: string; keyPem: string; identity: Identity } | undefined

  proto.parseX509 = function (certPem, keyPem, signatureHash) {
    if (last?.certPem !== certPem || last.keyPem !== keyPem) {
      parse.call(this, certPem, keyPem, signatureHash)
      const key = createPrivateKey(keyPem)
      const identity: Identity = { localCert: this.localCert, localPrivateKey: this.localPrivateKey }
      if (PLAIN_SIGNATURES.has(key.asymmetricKeyType ?? '')) {
        identity.localPrivateKey = signerOf(this.localPrivateKey, key)
        fast.add(identity.localPrivateKey)
      }
      last = { certPem, keyPem, identity }
    }
    this.localCert = last.identity.localCert
    this.localPrivateKey = last.identity.localPrivateKey
    this.signatureHashAlgorithm = signatureHash
  }

  // werift's client signs its CertificateVerify here, with the key's PEM text.
  proto.signatureData = function (data, hashAlgorithm) {
    return fast.has(this.localPrivateKey)
      ? this.localPrivateKey.sign(data, hashAlgorithm)
      : signData.call(this, data, hashAlgorithm)
  }
}

/** The parsed key as werift knows it (its other methods and fields kept), signing with `key`. */
function signerOf(parsed: Signer, key: KeyObject): Signer {
  const signer = Object.create(parsed) as Signer
  signer.sign = (data, hashAlgorithm) => sign(hashAlgorithm, data, key)
  return signer
}
