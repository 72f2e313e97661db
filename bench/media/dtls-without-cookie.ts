/**
 * The benchmark's werift participants answer a ClientHello at once, without a HelloVerifyRequest,
 * as Chromium's DTLS server does (libwebrtc sets no cookie exchange).
 *
 * The SFU is the DTLS client of every learner. Against a browser its handshake takes two round
 * trips; against werift's DTLS server, which always asks for a cookie first, it took three, and
 * in a join storm each round trip waits behind everything else queued in both processes. The
 * synthetic learners stand in for browsers, so they skip the cookie round trip too.
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
    const answered = handle([asIfVerified, ...assembled.filter((h) => h !== hello)])
    for (const entry of Object.values(socket.dtls.handshakeCache)) {
      if (!entry) continue
      entry.data = entry.data.map((h) => (h === asIfVerified ? hello : h))
    }
    return answered
  }
}
