/**
 * The SFU's connections gather exactly the addresses it is configured with. With 127.0.0.1 (the
 * tests, the benchmarks, a single machine) werift used to add the machine's LAN address too: a
 * second socket per connection, bound to 127.0.0.1 under the LAN address's name, and ICE checks
 * from both.
 */
import dgram from 'node:dgram'
import os from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import type { RTCPeerConnection } from 'werift'
import { createPeerConnection, gathered } from '../../../../server/media/sfu/sfu-peer.ts'
import { loadWerift } from '../../../../server/media/sfu/werift-lazy.ts'
import { LOOPBACK_SFU_CONFIG } from '../../../helpers/werift-peers.ts'

interface Agent {
  localCandidates: { host: string; port: number }[]
  protocols: { transport?: { socket?: dgram.Socket } }[]
}

function agentOf(pc: RTCPeerConnection): Agent {
  return pc.iceTransports[0]!.connection as unknown as Agent
}

/** werift adds these to any address it is given that is not one of them. */
const lanAddresses = Object.values(os.networkInterfaces())
  .flat()
  .filter((i) => i && i.family === 'IPv4' && !i.internal)

const open: RTCPeerConnection[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((pc) => pc.close()))
})

describe('host candidates of an SFU connection', () => {
  // The situation this is about needs a machine with an address of its own beside loopback.
  it.skipIf(lanAddresses.length === 0)(
    'are the configured address only, one socket, on a machine with other addresses',
    async () => {
      await loadWerift()
      const pc = createPeerConnection(LOOPBACK_SFU_CONFIG, 'max-bundle')
      open.push(pc)
      pc.addTransceiver('video', { direction: 'sendonly' })
      await pc.setLocalDescription(await pc.createOffer())
      await gathered(pc)

      const agent = agentOf(pc)
      expect(agent.localCandidates.map((c) => c.host)).toEqual(['127.0.0.1'])
      expect(agent.protocols.map((p) => p.transport?.socket?.address().address)).toEqual(['127.0.0.1'])
      expect(agent.localCandidates[0]!.port).toBe(agent.protocols[0]!.transport!.socket!.address().port)
    },
  )

  it.skipIf(lanAddresses.length === 0)('are each reachable at their own address when there are several', async () => {
    await loadWerift()
    const lan = lanAddresses[0]!.address
    const pc = createPeerConnection({ ...LOOPBACK_SFU_CONFIG, rtcAddresses: ['127.0.0.1', lan] }, 'max-bundle')
    open.push(pc)
    pc.addTransceiver('video', { direction: 'sendonly' })
    await pc.setLocalDescription(await pc.createOffer())
    await gathered(pc)

    const agent = agentOf(pc)
    expect(agent.localCandidates.map((c) => c.host).sort()).toEqual(['127.0.0.1', lan].sort())
    // A client that can reach only one of the addresses sends to that candidate: its socket must get it.
    const probe = dgram.createSocket('udp4')
    try {
      for (const candidate of agent.localCandidates) {
        const socket = agent.protocols.find((p) => p.transport?.socket?.address().port === candidate.port)!.transport!
          .socket!
        const arrived = new Promise<boolean>((resolve) => {
          const t = setTimeout(() => resolve(false), 1000)
          socket.prependOnceListener('message', () => {
            clearTimeout(t)
            resolve(true)
          })
        })
        probe.send(Buffer.from('probe'), candidate.port, candidate.host)
        expect({ candidate: candidate.host, arrived: await arrived }).toEqual({
          candidate: candidate.host,
          arrived: true,
        })
      }
    } finally {
      probe.close()
    }
  })
})
