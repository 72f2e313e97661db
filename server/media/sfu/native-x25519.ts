/**
 * werift's DTLS makes its X25519 key pairs and shared secrets with tweetnacl, in JavaScript:
 * about 8 ms of CPU for each of the two per handshake. A class joining at once is thirty
 * handshakes in one room's thread, and those milliseconds came before anyone's first frame. Node's
 * crypto (OpenSSL) does the same two operations in microseconds, so the tweetnacl functions werift
 * calls are replaced, once per thread, by ones that call it. Same inputs, same bytes out
 * (RFC 7748: both clamp the scalar and ignore the top bit of the point).
 *
 * Keys cross into OpenSSL as raw bytes (JWK), not DER: OpenSSL 3 decodes a DER key through its
 * generic decoder search, about 0.35 ms for one private key, more than the X25519 itself. The
 * private key of a pair made here is kept as made, so a handshake decodes none.
 */
import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { createRequire } from 'node:module'

interface Tweetnacl {
  box: { keyPair(): { publicKey: Uint8Array; secretKey: Uint8Array } }
  scalarMult(n: Uint8Array, p: Uint8Array): Uint8Array
}

// DER header of an X25519 private key (RFC 8410): the 32 raw bytes follow.
const PKCS8_HEADER = Buffer.from('302e020100300506032b656e04220420', 'hex')
const KEY_BYTES = 32

/** The key objects of the secret keys x25519KeyPair made, by the buffer werift keeps them in. */
const madeHere = new WeakMap<ArrayBufferLike, KeyObject>()

let replaced = false

/** The tweetnacl werift loads (the same module instance: its `import` goes through the require cache). */
export function weriftTweetnacl(): Tweetnacl {
  const fromProject = createRequire(import.meta.url)
  return createRequire(fromProject.resolve('werift'))('tweetnacl') as Tweetnacl
}

/** Makes werift's X25519 native, for this thread. Call before any handshake; later calls do nothing. */
export function nativeX25519(nacl: Tweetnacl = weriftTweetnacl()): void {
  if (replaced) return
  replaced = true
  nacl.box.keyPair = x25519KeyPair
  nacl.scalarMult = x25519SharedSecret
}

/** A key pair as tweetnacl returns it: each key a Uint8Array with its own buffer (werift reads `.buffer`). */
export function x25519KeyPair(): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const { privateKey } = generateKeyPairSync('x25519')
  const { d, x } = privateKey.export({ format: 'jwk' })
  const secretKey = ownBuffer(d!)
  madeHere.set(secretKey.buffer, privateKey)
  return { publicKey: ownBuffer(x!), secretKey }
}

/**
 * The shared secret of a secret key and a peer's public key. OpenSSL refuses a peer key of small
 * order (the result would be all zeros); tweetnacl returns the zeros, and the handshake then fails
 * where it would have failed before, so this does the same rather than throw inside werift.
 */
export function x25519SharedSecret(secretKey: Uint8Array, peerPublicKey: Uint8Array): Uint8Array {
  if (secretKey.length !== KEY_BYTES || peerPublicKey.length !== KEY_BYTES) throw new Error('bad size')
  try {
    return new Uint8Array(
      diffieHellman({
        privateKey: privateKeyOf(secretKey),
        publicKey: createPublicKey({
          key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(peerPublicKey).toString('base64url') },
          format: 'jwk',
        }),
      }),
    )
  } catch {
    return new Uint8Array(KEY_BYTES)
  }
}

function privateKeyOf(secretKey: Uint8Array): KeyObject {
  const kept = secretKey.byteOffset === 0 ? madeHere.get(secretKey.buffer) : undefined
  // A key from elsewhere: its public half is not known, which a JWK would need.
  return kept ?? createPrivateKey({ key: Buffer.concat([PKCS8_HEADER, secretKey]), format: 'der', type: 'pkcs8' })
}

/** 32 key bytes (base64url) in a buffer of their own: werift reads the key's `.buffer`. */
function ownBuffer(base64url: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64url, 'base64url'))
}
