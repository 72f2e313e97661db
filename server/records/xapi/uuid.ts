import crypto from 'node:crypto'

/** Namespace for Atrium's name-based UUIDs (a random constant, fixed forever). */
const ATRIUM_NAMESPACE = 'b3f1d2a4-6c8e-4f0a-9d2b-7e5c3a1f0e94'

/**
 * A name-based UUID (RFC 4122 version 5): the same name always gives the same UUID. Used for the
 * xAPI registration of a session, which must be a UUID while session ids are short codes.
 */
export function uuidV5(name: string, namespace = ATRIUM_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const hash = crypto.createHash('sha1').update(ns).update(name, 'utf8').digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const h = hash.subarray(0, 16).toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}
