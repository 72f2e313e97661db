/**
 * `npm run bench:media:first-join`: how long the first participant after the server starts waits,
 * side by side with one who joins later. Each trial starts `npm start`'s build afresh (the bundle
 * and its media worker), gets a token from /join, and connects a synthetic participant (werift,
 * as in bench:media) `--delay` ms later, standing for the page loading livekit-client meanwhile;
 * then a second participant joins the same room the same way. Printed: connect → JoinResponse and
 * connect → connected (ICE and DTLS done), median of the trials. Loopback, bounded.
 * Options: --trials 5  --delays 0,300,1000
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { freePort, spawnServer } from '../../test/helpers/server-process.ts'
import { createSession, joinAs } from '../../test/helpers/api.ts'
import { ATRIUM_NODE_FLAGS, ATRIUM_START_ENV, root } from '../collab/harness.ts'
import { SyntheticParticipant } from './synthetic-participant.ts'
import { Pacer } from './synthetic-media.ts'
import { percentile, sleep, untilAll } from './measure.ts'

const { values } = parseArgs({
  options: { trials: { type: 'string', default: '5' }, delays: { type: 'string', default: '0,300,1000' } },
})
const trials = Number(values.trials)
const delays = values.delays.split(',').map(Number)
const deadline = setTimeout(
  () => {
    process.stderr.write('bench:media:first-join: over its time limit, stopping\n')
    process.exit(1)
  },
  (trials * delays.length * 30 + 120) * 1000,
)

process.stderr.write('Building the server as npm start does…\n')
execFileSync(process.execPath, ['--import', 'tsx', 'server/build.ts'], { cwd: root, stdio: 'ignore' })

type Steps = { join: number; connected: number }

/** Joins `room` with a token from /join, connecting `delayMs` after it; resolves once connected. */
async function participant(
  url: string,
  sessionId: string,
  invite: string,
  name: string,
  delayMs: number,
  pacer: Pacer,
) {
  const p = await SyntheticParticipant.prepare(pacer)
  const join = await joinAs(url, sessionId, invite, name)
  await sleep(delayMs)
  await p.connect(url, join.media.token)
  await untilAll(() => p.stepAt('connected') !== undefined, 20_000)
  const steps: Steps = { join: p.stepAt('join') ?? NaN, connected: p.stepAt('connected') ?? NaN }
  return { p, steps }
}

const pacer = new Pacer()
const results = new Map<number, { first: Steps[]; later: Steps[] }>()
for (const delay of delays) {
  const r = { first: [] as Steps[], later: [] as Steps[] }
  results.set(delay, r)
  for (let t = 0; t < trials; t++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-first-join-'))
    const server = await spawnServer(
      dataDir,
      await freePort(),
      { LOG_LEVEL: 'warn', ...ATRIUM_START_ENV },
      ATRIUM_NODE_FLAGS,
      'bundle',
    )
    try {
      const s = await createSession(server.url)
      const first = await participant(server.url, s.id, s.invites.teacher, 'Teacher', delay, pacer)
      const later = await participant(server.url, s.id, s.invites.learner, 'Learner', delay, pacer)
      r.first.push(first.steps)
      r.later.push(later.steps)
      await Promise.all([first.p.close(), later.p.close()])
    } finally {
      await server.kill('SIGTERM')
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
clearTimeout(deadline)
pacer.stop()

const med = (xs: Steps[], k: keyof Steps) =>
  Math.round(
    percentile(
      xs.map((x) => x[k]),
      50,
    ),
  )
console.log(`\n${trials} trials per row, a fresh server each; ${os.cpus().length} cores, Node ${process.version}\n`)
console.log(
  '| connects after /join | first join: → JoinResponse ms | → connected ms | later join: → JoinResponse ms | → connected ms |',
)
console.log('| --- | --- | --- | --- | --- |')
for (const [delay, r] of results) {
  console.log(
    `| ${delay} ms | ${med(r.first, 'join')} | ${med(r.first, 'connected')} | ${med(r.later, 'join')} | ${med(r.later, 'connected')} |`,
  )
}
process.exit(0)
