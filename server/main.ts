/**
 * The server process: configuration → storage and services → one port → banner with ready-to-open
 * links. `npm start` runs it compiled (server/start.mjs builds first); `npm run dev` through tsx.
 * Exit codes: 0 after a clean shutdown, 1 on a start-up failure, 2 on bad configuration.
 */
import os from 'node:os'
import closeWithGrace from 'close-with-grace'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { createLogger } from './log.ts'
import { startAtrium, type Atrium } from './atrium.ts'
import { rtcNetworkProblems, sharedPortProblems } from './media/sfu/sfu-config.ts'
import { ensureDemoSession } from './sessions/demo.ts'
import { joinLink } from './sessions/links.ts'

async function readConfig(): Promise<Config> {
  try {
    const config = loadConfig()
    // Settings that are well-formed but wrong for this machine stop the start just the same.
    let problems: string[] = []
    if (config.media.mode === 'embedded') {
      problems = rtcNetworkProblems(config.media.network.addresses, os.networkInterfaces())
      if (problems.length === 0) problems = await sharedPortProblems(config.media.network)
    }
    if (problems.length > 0) throw new ConfigError(problems.join('\n'))
    return config
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Atrium cannot start: ${err.message}\n`)
      process.exit(2)
    }
    throw err
  }
}

function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address)
}

function printBanner(atrium: Atrium): void {
  const { config } = atrium
  const base = config.publicUrl ?? atrium.url
  const out: string[] = ['', `  Atrium is ready at ${base}`]
  if (!config.publicUrl && (config.host === '0.0.0.0' || config.host === '::')) {
    for (const ip of lanAddresses()) out.push(`  On this network:  http://${ip}:${atrium.port}`)
  }
  if (atrium.admin.created) {
    out.push('', `  Admin token (shown once; stored in ${atrium.admin.file}):`, `    ${atrium.admin.token}`)
  }
  if (config.demo) {
    const demo = ensureDemoSession(atrium.sessions, atrium.store)
    out.push(
      '',
      `  Demo session "${demo.session.title}":`,
      `    Teacher:  ${joinLink(base, demo.session.id, demo.invites.teacher)}`,
      `    Learner:  ${joinLink(base, demo.session.id, demo.invites.learner)}`,
      `    On-site:  ${joinLink(base, demo.session.id, demo.invites.onsite)}`,
      `    Room PC:  ${joinLink(base, demo.session.id, demo.invites.room)}`,
    )
  }
  out.push('', '  Stop with Ctrl+C.', '')
  process.stdout.write(out.join('\n') + '\n')
}

async function main(): Promise<void> {
  const config = await readConfig()
  const log = createLogger(config.logLevel)
  const t0 = Date.now()
  const atrium = await startAtrium(config, log)
  log.info({ ms: Date.now() - t0, media: config.media.mode }, 'ready')
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'shutting down after an error')
    else log.info({ signal }, 'shutting down')
    await atrium.close()
  })
  printBanner(atrium)
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException & { port?: number }
  const message =
    e.code === 'EADDRINUSE'
      ? `port ${e.port ?? ''} is already in use. Stop the program using it, or set PORT to a free port.`
      : e instanceof Error
        ? e.message
        : String(err)
  process.stderr.write(`Atrium failed to start: ${message}\n`)
  process.exit(1)
})
