/**
 * ATRIUM_RTC_PORTS with one port, seen from outside: an Atrium process serving three peer
 * connections (a `/rtc/v1` participant and a classic `/rtc` one with both of its connections)
 * holds exactly one UDP socket, on that port. Counted from the process's own file descriptors.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RTCPeerConnection } from 'werift'
import { freePort, spawnServer, type ServerProcess, freeUdpPort } from '../../helpers/server-process.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { SignalClient, clientSubscriber, joinV1 } from '../../helpers/signal-client.ts'

let proc: ServerProcess
let dataDir: string
let rtcPort: number
const pcs: RTCPeerConnection[] = []
const sockets: SignalClient[] = []

/** Local ports of the UDP sockets process `pid` holds (its fds matched against /proc/net/udp). */
function udpPortsOf(pid: number): number[] {
  const inodes = new Set<string>()
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1]
      if (inode) inodes.add(inode)
    } catch {
      // closed while listing
    }
  }
  return fs
    .readFileSync(`/proc/${pid}/net/udp`, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length > 9 && inodes.has(cols[9]!))
    .map((cols) => parseInt(cols[1]!.split(':')[1]!, 16))
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-mux-'))
  rtcPort = await freeUdpPort()
  proc = await spawnServer(dataDir, await freePort(), { ATRIUM_RTC_PORTS: String(rtcPort) })
})
afterAll(async () => {
  for (const s of sockets) s.close()
  await Promise.all(pcs.map((pc) => pc.close().catch(() => undefined)))
  await proc?.kill('SIGTERM')
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('one UDP port (ATRIUM_RTC_PORTS=<port>), seen from outside the server', () => {
  it('is the only UDP socket of the server process while three peer connections are up', async () => {
    const s = await createSession(proc.url)

    const one = await joinAs(proc.url, s.id, s.invites.teacher, 'Ms. Li')
    const v1 = await joinV1(proc.url, one.media.token)
    pcs.push(v1.pc)
    sockets.push(v1.client)

    const two = await joinAs(proc.url, s.id, s.invites.learner, 'Cleo')
    const classic = await SignalClient.open(proc.url, two.media.token, { path: '/rtc' })
    sockets.push(classic)
    const offer = await classic.nextOf('offer')
    const sub = await clientSubscriber()
    pcs.push(sub.pc)
    await classic.answerSubscriberOffer(offer, sub)
    const pub = await classic.publishClassicMicrophone()
    pcs.push(pub.pc)

    for (const pc of [v1.pc, sub.pc, pub.pc])
      await expect.poll(() => pc.connectionState, { timeout: 10_000, interval: 50 }).toBe('connected')
    expect(udpPortsOf(proc.child.pid!)).toEqual([rtcPort])
  })
})
