/**
 * `npm run scene -- <command>`: the authoring CLI.
 *   validate <dir> [--json]   check a package; exit 1 when it has errors
 *   new <id> [--in <folder>]  scaffold a package that validates (default folder: scenes/)
 *   dev <dir> [--port <n>]    serve a package in a local Atrium, reloading it on save
 *   upgrade <dir>             rewrite scene.json in the current formatVersion
 */
import { runValidate } from './validate-command.ts'
import { runNew } from './new-command.ts'
import { runUpgrade } from './upgrade-command.ts'

const USAGE = `usage: npm run scene -- <command>
  validate <dir> [--json]    check a scene package; exit code 1 when it has errors
  new <id> [--in <folder>]   create a package folder that validates (default folder: scenes)
  dev <dir> [--port <n>]     serve the package in a local Atrium and reload it on every save
  upgrade <dir>              rewrite scene.json in the current formatVersion`

/** Output sinks, so tests can run commands in-process. */
export interface CliIo {
  out(line: string): void
  err(line: string): void
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'validate':
      return runValidate(rest, io)
    case 'new':
      return runNew(rest, io)
    case 'upgrade':
      return runUpgrade(rest, io)
    case 'dev': {
      const { runDev } = await import('./dev-command.ts')
      return runDev(rest, io)
    }
    default:
      io.err(command ? `unknown command "${command}"\n${USAGE}` : USAGE)
      return 2
  }
}

if (process.argv[1] && import.meta.filename === (await import('node:path')).resolve(process.argv[1])) {
  const io: CliIo = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') }
  const code = await runCli(process.argv.slice(2), io)
  if (code !== -1) process.exitCode = code
}
