/**
 * Every UDP socket werift opens for a connection gets 4 MiB receive and send buffers, as the one
 * shared port does (udp-mux.ts). The kernel's default (208 KiB) holds about 170 ms of a publisher
 * at 1,000 packets a second: when the room's thread is busy longer than that (a burst of joins,
 * a garbage collection), the publisher's packets were dropped at its socket, and so lost for every
 * subscriber. Measured: at 40,000 forwarded packets a second the benchmark counted 28 datagrams a
 * second dropped at the server's sockets and 2.8% loss at the subscribers. The kernel caps the size
 * at net.core.rmem_max and wmem_max (docs/media.md).
 */
import type { Socket } from 'node:dgram'
import type * as Werift from 'werift'

export const SOCKET_BUFFER_BYTES = 4 * 1024 * 1024

/** werift's UDP transport as this patch sees it (`init` binds the socket). */
interface UdpTransportInternals {
  socket: Socket
  init(): Promise<void>
}

let patched = false

export function largeSocketBuffers({ UdpTransport }: Pick<typeof Werift, 'UdpTransport'>): void {
  if (patched) return
  patched = true
  const proto = UdpTransport.prototype as unknown as UdpTransportInternals
  const init = proto.init
  proto.init = async function (this: UdpTransportInternals) {
    await init.call(this)
    try {
      this.socket.setRecvBufferSize(SOCKET_BUFFER_BYTES)
      this.socket.setSendBufferSize(SOCKET_BUFFER_BYTES)
    } catch {
      // A socket closed meanwhile: nothing to size.
    }
  }
}
