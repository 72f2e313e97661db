/**
 * Reads what the UDP mux routes STUN by, without a full STUN parser: RFC 8445 puts
 * `<receiver ufrag>:<sender ufrag>` in a binding request's USERNAME, so the part before the colon
 * is the server's own ufrag; a response carries the transaction id of the request it answers.
 */

const HEADER_BYTES = 20
const MAGIC_COOKIE = 0x2112a442
const BINDING_REQUEST = 0x0001
const USERNAME = 0x0006

/** The first two bits of every STUN message are zero and the magic cookie follows the type and length. */
export function isStun(datagram: Buffer): boolean {
  return datagram.length >= HEADER_BYTES && datagram[0]! < 4 && datagram.readUInt32BE(4) === MAGIC_COOKIE
}

/** A success or error response (class bits of the message type: 10 or 11). */
export function isStunResponse(datagram: Buffer): boolean {
  return isStun(datagram) && (datagram.readUInt16BE(0) & 0x0100) !== 0
}

/** The 96-bit transaction id, as a map key. */
export function transactionOf(datagram: Buffer): string {
  return datagram.toString('hex', 8, HEADER_BYTES)
}

export function isBindingRequest(datagram: Buffer): boolean {
  return isStun(datagram) && datagram.readUInt16BE(0) === BINDING_REQUEST
}

/** The receiver's ufrag named by a binding request, or undefined for anything else. */
export function localUfragOf(datagram: Buffer): string | undefined {
  if (!isBindingRequest(datagram)) return undefined
  const end = Math.min(datagram.length, HEADER_BYTES + datagram.readUInt16BE(2))
  let at = HEADER_BYTES
  while (at + 4 <= end) {
    const type = datagram.readUInt16BE(at)
    const length = datagram.readUInt16BE(at + 2)
    if (at + 4 + length > end) return undefined
    if (type === USERNAME) {
      const username = datagram.toString('utf8', at + 4, at + 4 + length)
      const colon = username.indexOf(':')
      return colon > 0 ? username.slice(0, colon) : undefined
    }
    // Attribute values are padded to four bytes.
    at += 4 + Math.ceil(length / 4) * 4
  }
  return undefined
}
