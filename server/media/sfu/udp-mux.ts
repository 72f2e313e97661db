/**
 * One UDP socket shared by the ICE agents of many peer connections (ATRIUM_RTC_PORTS with one
 * port), demultiplexed as pion's and LiveKit's UDPMux do: a STUN binding request names the agent
 * by the server's ufrag in its USERNAME, and from then on every datagram from that source
 * address and port goes to that agent. Anything else from an unknown source is dropped.
 *
 * Each agent holds a `MuxEndpoint`, which werift's STUN protocol uses as its UDP transport. The
 * socket of an address and port is bound when the first endpoint on it opens and closed when
 * the last one closes (so it closes with the SFU, whose close closes every connection).
 */
import dgram from 'node:dgram'
import net from 'node:net'
import { isBindingRequest, isStunResponse, localUfragOf, transactionOf } from './stun-username.ts'
import { SOCKET_BUFFER_BYTES } from './socket-buffers.ts'

export type RemoteAddress = [host: string, port: number]

export class MuxEndpoint {
  /** What werift reads from a UDP transport. */
  readonly type = 'udp'
  readonly socketType = 'udp4'
  closed = false
  onData: (data: Buffer, from: RemoteAddress) => void = () => {}

  constructor(private readonly mux: UdpMux) {}

  /** The shared socket (the forwarding path sends on it to the nominated pair's remote address). */
  get socket(): dgram.Socket {
    return this.mux.socket
  }

  get address(): net.AddressInfo {
    return this.mux.socket.address()
  }

  /** Binding requests that name `ufrag` (and then their source) are delivered here. */
  answerTo(ufrag: string): void {
    if (!this.closed) this.mux.claim(ufrag, this)
  }

  async send(data: Buffer, to: RemoteAddress): Promise<void> {
    if (this.closed) return
    if (isBindingRequest(data)) this.mux.expectResponse(data, this)
    if (net.isIP(to[0])) {
      this.mux.socket.send(data, to[1], to[0])
      return
    }
    // A host name: the callback reports a failed lookup.
    await new Promise<void>((resolve, reject) =>
      this.mux.socket.send(data, to[1], to[0], (err) => (err ? reject(err) : resolve())),
    )
  }

  /** Removes this endpoint's routes; the socket closes when no endpoint is left on it. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.mux.forget(this)
    await release(this.mux)
  }
}

export class UdpMux {
  private readonly byUfrag = new Map<string, MuxEndpoint>()
  private readonly bySource = new Map<string, MuxEndpoint>()
  /**
   * Binding requests sent and not yet answered: a connectivity check the server sends may be
   * answered before the client's own check has introduced its address.
   */
  private readonly byTransaction = new Map<string, MuxEndpoint>()

  private constructor(
    readonly socket: dgram.Socket,
    readonly key: string,
  ) {
    socket.on('message', (data, from) => this.receive(data, from.address, from.port))
    // Errors of single sends (ICMP unreachable and the like) must not end the process.
    socket.on('error', () => undefined)
  }

  static open(address: string, port: number): Promise<UdpMux> {
    // Every connection's traffic queues in this one socket's buffers. With the kernel's default
    // (208 KiB) a publisher at 1,000 packets/s to forty subscribers on a busy machine overflowed
    // it, and the ICE checks dropped with the media left up to half of the joining subscribers
    // unconnected. A socket per connection gets the same size (socket-buffers.ts).
    const socket = dgram.createSocket({
      type: 'udp4',
      recvBufferSize: SOCKET_BUFFER_BYTES,
      sendBufferSize: SOCKET_BUFFER_BYTES,
    })
    return new Promise((resolve, reject) => {
      const failed = (err: Error) => {
        socket.close()
        reject(err)
      }
      socket.once('error', failed)
      socket.bind({ address, port, exclusive: true }, () => {
        socket.off('error', failed)
        resolve(new UdpMux(socket, keyOf(address, port)))
      })
    })
  }

  claim(ufrag: string, endpoint: MuxEndpoint): void {
    this.byUfrag.set(ufrag, endpoint)
  }

  expectResponse(request: Buffer, endpoint: MuxEndpoint): void {
    this.byTransaction.set(transactionOf(request), endpoint)
  }

  forget(endpoint: MuxEndpoint): void {
    for (const routes of [this.byUfrag, this.bySource, this.byTransaction])
      for (const [key, to] of routes) if (to === endpoint) routes.delete(key)
  }

  /** What is routed (for tests and leak checks): ufrags and unanswered requests counted, sources named. */
  routes(): { ufrags: number; sources: string[]; transactions: number } {
    return {
      ufrags: this.byUfrag.size,
      sources: [...this.bySource.keys()].sort(),
      transactions: this.byTransaction.size,
    }
  }

  private receive(data: Buffer, host: string, port: number): void {
    const source = `${host}:${port}`
    let endpoint: MuxEndpoint | undefined
    if (isBindingRequest(data)) {
      const ufrag = localUfragOf(data)
      endpoint = ufrag === undefined ? undefined : this.byUfrag.get(ufrag)
      // Only a request naming a live agent may route its source (a stray one changes nothing).
      if (endpoint) this.bySource.set(source, endpoint)
    } else if (isStunResponse(data)) {
      // By its request first: the source may be a port a closed client socket had, reused.
      const transaction = transactionOf(data)
      endpoint = this.byTransaction.get(transaction) ?? this.bySource.get(source)
      this.byTransaction.delete(transaction)
    } else {
      endpoint = this.bySource.get(source)
    }
    try {
      endpoint?.onData(data, [host, port])
    } catch {
      // One connection's bad packet must not take down the socket every connection shares.
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()))
  }
}

function keyOf(address: string, port: number): string {
  return `${address}:${port}`
}

const open = new Map<string, { mux: Promise<UdpMux>; endpoints: number }>()
/** Sockets still closing: a new endpoint on the same address and port binds after that. */
const closing = new Map<string, Promise<void>>()

/** A new endpoint on the shared socket of `address`:`port`, binding it if it is not open. */
export async function openMuxEndpoint(address: string, port: number): Promise<MuxEndpoint> {
  const key = keyOf(address, port)
  let entry = open.get(key)
  if (!entry) {
    const bound = (closing.get(key) ?? Promise.resolve()).then(() => UdpMux.open(address, port))
    const created = { mux: bound, endpoints: 0 }
    entry = created
    open.set(key, created)
    // A failed bind (port taken) is tried again by the next connection.
    bound.catch(() => open.get(key) === created && open.delete(key))
  }
  entry.endpoints++
  return new MuxEndpoint(await entry.mux)
}

async function release(mux: UdpMux): Promise<void> {
  const entry = open.get(mux.key)
  if (!entry || --entry.endpoints > 0) return
  open.delete(mux.key)
  const done = mux.close().finally(() => closing.get(mux.key) === done && closing.delete(mux.key))
  closing.set(mux.key, done)
  await done
}

/** The shared sockets now open, with their routes (for tests and leak checks). */
export async function openUdpMuxes(): Promise<({ key: string } & ReturnType<UdpMux['routes']>)[]> {
  const muxes = await Promise.all([...open.values()].map((e) => e.mux.catch(() => undefined)))
  return muxes.filter((m) => m !== undefined).map((m) => ({ key: m.key, ...m.routes() }))
}
