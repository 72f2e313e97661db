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
import { ensureClientBuilt } from '../../client-build.ts'
import { startAtrium } from '../../atrium.ts'
import { joinLink } from '../../sessions/links.ts'
import { formatIssue } from '../package/package-issue.ts'
import type { CliIo } from './main.ts'

export async function runDev(args: string[], io: CliIo): Promise<number> {
  const portAt = args.indexOf('--port')
  const port = portAt >= 0 ? args[portAt + 1] : '8090'
  const dirs = args.filter((_, i) => i !== portAt && i !== portAt + 1)
  if (dirs.length !== 1 || !port) {
    io.err('usage: npm run scene -- dev <dir> [--port <n>]')
    return 2
  }
  const dir = path.resolve(dirs[0]!)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-scene-dev-'))
  const config = loadConfig({
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    ATRIUM_DATA_DIR: dataDir,
    ATRIUM_DEMO: 'off',
  })
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn')
  await ensureClientBuilt(config.clientDir, io.out)
  const atrium = await startAtrium(config, log, { scenePackages: [dir] })
  const id = path.basename(dir)
  if (!atrium.catalog.get(id) || atrium.catalog.get(id)?.origin !== 'dev') {
    const report = await atrium.catalog.loadPackage(dir, 'dev')
    io.err(`✗ ${dirs[0]} does not validate yet; fix these and save:`)
    for (const i of report.issues) io.err(`  ${formatIssue(i)}`)
  }
  const sessionLinks = () => {
    const { session, invites } = atrium.sessions.create({
      title: `Authoring ${id}`,
      scene: atrium.catalog.get(id)!.scene.id,
    })
    io.out(`\n  ${id} is served at ${atrium.url}`)
    io.out(`    Teacher: ${joinLink(atrium.url, session.id, invites.teacher)}`)
    io.out(`    Learner: ${joinLink(atrium.url, session.id, invites.learner)}`)
    io.out('  Saving any file in the package reloads it in open browsers. Stop with Ctrl+C.\n')
  }
  if (atrium.catalog.get(id)) sessionLinks()
  let timer: NodeJS.Timeout | undefined
  const watcher = fs.watch(dir, { recursive: true }, () => {
    clearTimeout(timer)
    timer = setTimeout(async () => {
      const hadScene = Boolean(atrium.catalog.get(id))
      const report = await atrium.catalog.loadPackage(dir, 'dev')
      if (report.ok) {
        io.out(`✓ ${new Date().toLocaleTimeString()} reloaded ${id}`)
        if (!hadScene) sessionLinks()
      } else {
        io.err(
          `✗ ${new Date().toLocaleTimeString()} ${id} has ${report.issues.length} problem(s); browsers keep the last good version:`,
        )
        for (const i of report.issues) io.err(`  ${formatIssue(i)}`)
      }
    }, 250)
  })
  const stop = async () => {
    watcher.close()
    await atrium.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return -1
}
