import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Socket } from 'node:dgram'
import { SOCKET_BUFFER_BYTES } from '../../../../server/media/sfu/socket-buffers.ts'
import { gathered, sfuLikePeer } from '../../../helpers/werift-peers.ts'

/** What Linux grants for a requested size: capped at the sysctl maximum, then doubled for its bookkeeping. */
function granted(maxFile: string): number {
  const max = Number(fs.readFileSync(maxFile, 'utf8'))
  return 2 * Math.min(SOCKET_BUFFER_BYTES, max)
}

describe("the SFU's UDP sockets", () => {
  it('get receive and send buffers as large as the kernel allows, not its 208 KiB default', async () => {
    const pc = await sfuLikePeer()
    try {
      pc.addTransceiver('video', { direction: 'sendonly' })
      await pc.setLocalDescription(await pc.createOffer())
      await gathered(pc)
      const sockets = pc.iceTransports.flatMap((t) =>
        (t.connection as unknown as { protocols: { transport?: { socket?: Socket } }[] }).protocols.map(
          (p) => p.transport?.socket,
        ),
      )
      expect(sockets.length).toBeGreaterThan(0)
      for (const socket of sockets) {
        expect(socket!.getRecvBufferSize()).toBe(granted('/proc/sys/net/core/rmem_max'))
        expect(socket!.getSendBufferSize()).toBe(granted('/proc/sys/net/core/wmem_max'))
      }
    } finally {
      await pc.close()
    }
  })
})
