/**
 * `scene dev <dir> [--port <n>]`: runs a local Atrium (temporary data, no demo) that serves the
 * package being authored, creates a session in it and prints the links. On every save the
 * package is validated again; when valid, open browsers reload the scene in place, and when not,
 * the problems are printed and the last good version stays on screen.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../config.ts'
import { createLogger } from '../../log.ts'
import { CLIENT, ensureBuilt } from '../../build.ts'
import { startAtrium, type Atrium } from '../../atrium.ts'
import { joinLink } from '../../sessions/links.ts'
import { formatIssue } from '../package/package-issue.ts'
import type { CliIo } from './main.ts'

/** Saves closer together than this are one change (editors write several times per save). */
const SETTLE_MS = 250

export interface DevServer {
  atrium: Atrium
  stop(): Promise<void>
}

export async function startDev(
  dir: string,
  port: string,
  io: CliIo,
  options = { buildClient: true },
): Promise<DevServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-scene-dev-'))
  const config = loadConfig({
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    ATRIUM_DATA_DIR: dataDir,
    ATRIUM_DEMO: 'off',
  })
  const log = createLogger(process.env.LOG_LEVEL || 'silent', false)
  if (options.buildClient) await ensureBuilt(CLIENT, io.out)
  const atrium = await startAtrium(config, log, { scenePackages: [dir] })
  const id = path.basename(dir)
  let linked = false
  const printLinks = () => {
    const entry = atrium.catalog.get(id)
    if (linked || entry?.origin !== 'dev') return
    linked = true
    const { session, invites } = atrium.sessions.create({ title: `Authoring ${id}`, scene: entry.scene.id })
    io.out(`\n  ${id} is served at ${atrium.url}`)
    io.out(`    Teacher: ${joinLink(atrium.url, session.id, invites.teacher)}`)
    io.out(`    Learner: ${joinLink(atrium.url, session.id, invites.learner)}`)
    io.out('  Saving any file in the package reloads it in open browsers. Stop with Ctrl+C.\n')
  }
  const reload = async (first: boolean) => {
    const report = await atrium.catalog.loadPackage(dir, 'dev')
    const time = new Date().toLocaleTimeString()
    if (report.ok) {
      if (!first) io.out(`✓ ${time} reloaded ${id}`)
      printLinks()
    } else {
      io.err(`✗ ${time} ${id} has ${report.issues.length} problem(s); open browsers keep the last good version:`)
      for (const i of report.issues) io.err(`  ${formatIssue(i)}`)
    }
  }
  if (atrium.catalog.get(id)?.origin === 'dev') printLinks()
  else await reload(true)
  let timer: NodeJS.Timeout | undefined
  const watcher = fs.watch(dir, { recursive: true }, () => {
    clearTimeout(timer)
    timer = setTimeout(() => void reload(false), SETTLE_MS)
  })
  return {
    atrium,
    async stop() {
      clearTimeout(timer)
      watcher.close()
      await atrium.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function runDev(args: string[], io: CliIo): Promise<number> {
  const portAt = args.indexOf('--port')
  const port = portAt >= 0 ? args[portAt + 1] : '8090'
  const dirs = args.filter((_, i) => i !== portAt && i !== portAt + 1)
  if (dirs.length !== 1 || !port) {
    io.err('usage: npm run scene -- dev <dir> [--port <n>]')
    return 2
  }
  const dev = await startDev(path.resolve(dirs[0]!), port, io)
  const stop = () => void dev.stop().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  // -1: keep running; the signal handlers end the process.
  return -1
}
