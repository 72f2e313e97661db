/**
 * werift's DTLS makes its X25519 key pairs and shared secrets with tweetnacl, in JavaScript:
 * about 8 ms of CPU for each of the two per handshake. A class joining at once is thirty
 * handshakes in one room's thread, and those milliseconds came before anyone's first frame. Node's
 * crypto (OpenSSL) does the same two operations in microseconds, so the tweetnacl functions werift
 * calls are replaced, once per thread, by ones that call it. Same inputs, same bytes out
 * (RFC 7748: both clamp the scalar and ignore the top bit of the point).
 */
import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto'
import { createRequire } from 'node:module'

interface Tweetnacl {
  box: { keyPair(): { publicKey: Uint8Array; secretKey: Uint8Array } }
  scalarMult(n: Uint8Array, p: Uint8Array): Uint8Array
}

// DER headers of an X25519 key (RFC 8410): the 32 raw bytes follow.
const PKCS8_HEADER = Buffer.from('302e020100300506032b656e04220420', 'hex')
const SPKI_HEADER = Buffer.from('302a300506032b656e032100', 'hex')
const KEY_BYTES = 32

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
  const { publicKey, privateKey } = generateKeyPairSync('x25519')
  return {
    publicKey: lastBytes(publicKey.export({ format: 'der', type: 'spki' })),
    secretKey: lastBytes(privateKey.export({ format: 'der', type: 'pkcs8' })),
  }
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
        privateKey: createPrivateKey({ key: Buffer.concat([PKCS8_HEADER, secretKey]), format: 'der', type: 'pkcs8' }),
        publicKey: createPublicKey({ key: Buffer.concat([SPKI_HEADER, peerPublicKey]), format: 'der', type: 'spki' }),
      }),
    )
  } catch {
    return new Uint8Array(KEY_BYTES)
  }
}

function lastBytes(der: Buffer): Uint8Array {
  return new Uint8Array(der.subarray(der.length - KEY_BYTES))
}
