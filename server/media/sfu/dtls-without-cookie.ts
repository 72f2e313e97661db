/**
 * werift's DTLS servers answer a ClientHello at once, without a HelloVerifyRequest, as Chromium's
 * DTLS server does (libwebrtc sets no cookie exchange: ICE has already checked the address).
 *
 * The SFU is the DTLS server of the classic path's subscriber connection (it offers `actpass` and
 * browsers answer `active`): werift, which always asks for a cookie first, made that handshake
 * three round trips instead of two, and on a weak link or in a join storm each one is long. The
 * benchmark's werift learners, which stand in for browsers, are DTLS servers of the SFU's
 * connections, and answer the same way.
 *
 * werift has no option for it. The cookie-less ClientHello goes through werift's own flight 2
 * (which negotiates the cipher suite, curve and SRTP profile) with its HelloVerifyRequest not
 * sent, then through werift's flight 4 as if the hello had carried the cookie, and the hello the
 * client really sent is what enters the handshake transcript.
 */
import type * as Werift from 'werift'

const CLIENT_HELLO = 1
/** client_version (2 bytes) and random (32), then session_id with its 1-byte length. */
const SESSION_ID_AT = 34

interface Handshake {
  msg_type: number
  length: number
  fragment_length: number
  fragment: Buffer
}
interface CacheEntry {
  data: Handshake[]
}
interface DtlsContext {
  cookie?: Buffer
  flight: number
  /** The message_seq of the server's next handshake message. */
  sequenceNumber: number
  handshakeCache: Record<number, CacheEntry | undefined>
}
interface ServerSocket {
  dtls: DtlsContext
  transport: { send: (buf: Buffer) => unknown }
  onHandleHandshakes: (assembled: Handshake[]) => Promise<void>
}

/** Where the 1-byte cookie length sits in a ClientHello's body. */
function cookieAt(body: Buffer): number {
  return SESSION_ID_AT + 1 + body[SESSION_ID_AT]!
}

function withCookie(hello: Handshake, cookie: Buffer): Handshake {
  const at = cookieAt(hello.fragment)
  const fragment = Buffer.concat([
    hello.fragment.subarray(0, at),
    Buffer.from([cookie.length]),
    cookie,
    hello.fragment.subarray(at + 1),
  ])
  const copy = Object.create(Object.getPrototypeOf(hello) as object) as Handshake
  return Object.assign(copy, hello, { fragment, length: fragment.length, fragment_length: fragment.length })
}

let patched = false

/** For the whole process: every werift DTLS server answers a ClientHello without asking for a cookie. */
export function dtlsServersWithoutCookie({
  DtlsServer,
  DtlsSocket,
}: Pick<typeof Werift, 'DtlsServer' | 'DtlsSocket'>): void {
  if (patched) return
  patched = true
  const wrapped = new WeakSet<object>()
  const proto = DtlsSocket.prototype as unknown as { handleFragmentHandshake: (messages: unknown[]) => unknown }
  const assemble = proto.handleFragmentHandshake
  // Called on every handshake record just before werift hands the assembled messages to the socket's handler.
  proto.handleFragmentHandshake = function (this: object, messages: unknown[]) {
    if (this instanceof DtlsServer && !wrapped.has(this)) {
      wrapped.add(this)
      answerWithoutCookie(this as unknown as ServerSocket)
    }
    return assemble.call(this, messages)
  }
}

/** Wraps one DTLS server's handler: a ClientHello without a cookie is answered as if it had one. */
function answerWithoutCookie(socket: ServerSocket): void {
  const handle = socket.onHandleHandshakes
  socket.onHandleHandshakes = (assembled) => {
    const hello = assembled.find((h) => h.msg_type === CLIENT_HELLO)
    if (!hello || hello.fragment[cookieAt(hello.fragment)] !== 0) return handle(assembled)
    // A repeated hello: flight 4 retransmits on its own timer (werift's flight 2 would start over).
    if (socket.dtls.flight !== 0) return handle(assembled.filter((h) => h !== hello))
    const send = socket.transport.send
    socket.transport.send = () => undefined
    try {
      // werift's flight 2 runs synchronously: it sets up the cipher and the cookie.
      void handle([hello])
    } finally {
      socket.transport.send = send
    }
    const cookie = socket.dtls.cookie
    if (!cookie) return handle(assembled)
    const asIfVerified = withCookie(hello, cookie)
    // Flight 4 caches the hello and sends its flight synchronously, before its first wait.
    const answered = numberedFromZero(socket.dtls, () =>
      handle([asIfVerified, ...assembled.filter((h) => h !== hello)]),
    )
    for (const entry of Object.values(socket.dtls.handshakeCache)) {
      if (!entry) continue
      entry.data = entry.data.map((h) => (h === asIfVerified ? hello : h))
    }
    return answered
  }
}

/**
 * werift's flight 4 numbers the ServerHello 1, after its HelloVerifyRequest. Without one the
 * ServerHello is the server's first message and must be 0 (RFC 6347, 4.2.2): Chromium waits for
 * message 0 and sends its hello again until it gives up. `run` starts flight 4, which sets the
 * counter to 1 first thing; that one assignment is taken as 0.
 */
function numberedFromZero<T>(dtls: DtlsContext, run: () => T): T {
  let value = dtls.sequenceNumber
  let first = true
  Object.defineProperty(dtls, 'sequenceNumber', {
    configurable: true,
    get: () => value,
    set: (v: number) => {
      value = first && v === 1 ? 0 : v
      first = false
    },
  })
  try {
    return run()
  } finally {
    Object.defineProperty(dtls, 'sequenceNumber', { configurable: true, writable: true, value })
  }
}
