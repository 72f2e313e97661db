/**
 * Forwarding capacity: a synthetic publisher sends video at a high packet rate (full-size
 * packets in 30 frames a second) to K synthetic subscribers who count at the network layer, so
 * the server forwards tens of thousands of packets a second while the clients stay cheap. The
 * fan-out runs stay at a few thousand packets a second, where the server's fixed costs and the
 * kernel's wake-ups of idle receivers dominate; this run shows the per-packet cost near
 * saturation (forwarded packets per second per fully used core).
 */
import type { ServerProcess } from '../../test/helpers/server-process.ts'
import { createSession, joinAs } from '../../test/helpers/api.ts'
import { SyntheticParticipant } from './synthetic-participant.ts'
import type { Pacer } from './synthetic-media.ts'
import { Audience } from './audience.ts'
import { measureWindow, sleep, type Row } from './measure.ts'
import type { RunOptions } from './fan-out.ts'

/** One room of the run: a publisher sending `pps` video packets a second to `subscribers`. */
async function room(server: ServerProcess, pacer: Pacer, subscribers: number, pps: number) {
  const s = await createSession(server.url)
  const publisher = await SyntheticParticipant.join(
    server.url,
    (await joinAs(server.url, s.id, s.invites.teacher, 'Teacher')).media.token,
    pacer,
  )
  const camera = await publisher.publish({ kind: 'camera', pps, fps: 30 })
  const joins = await Promise.all(
    Array.from({ length: subscribers }, (_, i) => joinAs(server.url, s.id, s.invites.learner, `Learner ${i + 1}`)),
  )
  const synthetic = await Promise.all(joins.map((j) => SyntheticParticipant.join(server.url, j.media.token, pacer)))
  return { publisher, camera, synthetic }
}

/**
 * `subscribers` in all, split over `rooms` rooms with a publisher each (rooms are what the SFU
 * spreads over its threads). `threads` only labels the row: the server was started with it.
 */
export async function runCapacity(
  server: ServerProcess,
  pacer: Pacer,
  subscribers: number,
  pps: number,
  o: RunOptions,
  rooms = 1,
  threads?: string,
): Promise<Row> {
  const all: Awaited<ReturnType<typeof room>>[] = []
  for (let r = 0; r < rooms; r++) all.push(await room(server, pacer, Math.round(subscribers / rooms), pps))
  const synthetic = all.flatMap((r) => r.synthetic)
  const sent = () => all.reduce((n, r) => n + r.camera.sent, 0)
  const audience = new Audience([], synthetic)
  const { firstFrames, browserFirstFrames, missing } = await audience.firstFrames(o.firstFrameTimeoutMs)
  // The joins' backlog drains before the window opens.
  await sleep(3000)

  const sent0 = sent()
  const got0 = await audience.counts()
  const w = await measureWindow(server.child.pid!, o.seconds)
  const sent1 = sent()
  const got1 = await audience.counts()
  const authFailures = synthetic.reduce((n, x) => n + x.counter.authFailures, 0)
  // Datagrams dropped at full receive buffers are in the row (UDP drops/s, by who held the socket).
  process.stderr.write(`    ${authFailures} sampled packets failed SRTP authentication\n`)

  await audience.close()
  for (const r of all) await r.publisher.close()
  await sleep(1000)
  return {
    system: 'embedded SFU',
    label:
      `capacity ${rooms} × ${pps} pkts/s → ${synthetic.length / rooms}` +
      (threads === undefined ? '' : `, ATRIUM_SFU_THREADS=${threads}`),
    browsers: 0,
    firstFrames,
    browserFirstFrames,
    missing,
    deliveredPps: (got1.received - got0.received) / w.elapsed,
    expectedPps: ((sent1 - sent0) / w.elapsed) * (synthetic.length / rooms),
    lostPps: (got1.lost - got0.lost) / w.elapsed,
    serverCpu: w.cpu,
    busiestThreads: w.busiestThreads,
    machineBusy: w.machineBusy,
    udpDrops: w.udpDrops,
    benchmarkCpu: w.benchmarkCpu,
    rssMiB: w.rssMiB,
  }
}
