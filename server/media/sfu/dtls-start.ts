/**
 * DTLS starts the moment ICE connects.
 *
 * werift's DTLS client waits a fixed 100 ms before it sends its ClientHello (in
 * `RTCDtlsTransport.start`), in case the other side's DTLS is not listening yet: a werift DTLS
 * server only starts listening once its own ICE agent reports connected, and a hello that arrives
 * earlier is lost until the retransmission 500 ms later. The SFU is the DTLS client of every
 * browser (it answers their `actpass` offers as `active`), so every join waited those 100 ms.
 *
 * Browsers (libwebrtc) keep a ClientHello that arrives before their DTLS starts, so the hello can
 * go out at once. werift peers made here do the same with `keepEarlyDtlsPackets`: the SFU's own
 * connections (a browser on the classic path is the DTLS client of the subscriber connection)
 * and the werift clients of the tests and benchmarks.
 */
import type * as Werift from 'werift'
import type { RTCPeerConnection } from 'werift'

interface IceData {
  subscribe(listener: (data: Buffer) => void): unknown
  execute(data: Buffer): void
}
interface IceConnection {
  onData: IceData
}

/** Enough for a ClientHello in several records plus a retransmission. */
const MOST_KEPT = 16

/** DTLS packets per ICE connection, kept until its DTLS transport starts. */
const kept = new WeakMap<IceConnection, Buffer[]>()
const started = new WeakSet<IceConnection>()
let patched = false

/** RFC 7983: a DTLS record starts with a content type from 20 to 63. */
function isDtlsRecord(data: Buffer): boolean {
  return data.length > 0 && data[0]! >= 20 && data[0]! <= 63
}

/**
 * For the whole process (once, when werift loads): DTLS clients send their hello as soon as the
 * transport starts, and packets kept from before the start reach the new DTLS socket.
 */
export function startDtlsAtOnce({
  RTCDtlsTransport,
  DtlsClient,
}: Pick<typeof Werift, 'RTCDtlsTransport' | 'DtlsClient'>): void {
  if (patched) return
  patched = true
  // werift calls connect() again after its 100 ms: the second call gets the first one's promise.
  const connect = DtlsClient.prototype.connect
  const connecting = new WeakMap<object, Promise<void>>()
  DtlsClient.prototype.connect = function (this: InstanceType<typeof DtlsClient>) {
    let hello = connecting.get(this)
    if (!hello) {
      hello = connect.call(this)
      connecting.set(this, hello)
    }
    return hello
  }
  const start = RTCDtlsTransport.prototype.start
  RTCDtlsTransport.prototype.start = function (this: InstanceType<typeof RTCDtlsTransport>) {
    // Runs synchronously up to werift's wait, so the DTLS socket exists when it returns.
    const starting = start.call(this)
    const connection = this.iceTransport.connection as unknown as IceConnection
    started.add(connection)
    const early = kept.get(connection) ?? []
    kept.delete(connection)
    for (const data of early) connection.onData.execute(data)
    const dtls = (this as unknown as { dtls?: unknown }).dtls
    // Failures surface through werift's own call of connect(), which gets this same promise.
    if (dtls instanceof DtlsClient) dtls.connect().catch(() => undefined)
    return starting
  }
}

/** Keeps the DTLS packets that reach `pc` before its DTLS transport starts, for that transport. */
export function keepEarlyDtlsPackets<T extends RTCPeerConnection>(pc: T): T {
  // ICE checks start before any DTLS packet can arrive.
  pc.iceConnectionStateChange.subscribe(() => {
    for (const transport of pc.iceTransports) {
      const connection = transport.connection as unknown as IceConnection
      if (started.has(connection) || kept.has(connection)) continue
      const packets: Buffer[] = []
      kept.set(connection, packets)
      connection.onData.subscribe((data) => {
        if (!started.has(connection) && isDtlsRecord(data) && packets.length < MOST_KEPT) packets.push(data)
      })
    }
  })
  return pc
}
