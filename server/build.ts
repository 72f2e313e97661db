/**
 * Builds what `npm start` runs, each only when its inputs changed since the last build (content
 * fingerprint stored next to the output): the browser client (Vite) and the server bundle
 * (esbuild; running compiled JavaScript starts faster and uses less memory than compiling
 * TypeScript at every start). `npm start` runs this in a short-lived process of its own, so the
 * build tools' memory is not kept, then execs the compiled server:
 *   MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 dist/server/main.mjs
 * (a 4 MiB young generation keeps the server's resident memory near 100 MiB with 200 clients,
 * and two glibc malloc arenas instead of one per thread take about 10 MiB more off the peak
 * with 200 clients all writing; see bench/collab).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { projectRoot } from './paths.ts'
import { ConfigError, loadConfig } from './config.ts'

const STAMP = '.atrium-build'

function* files(p: string): Generator<string> {
  if (!fs.existsSync(p)) return
  if (fs.statSync(p).isFile()) {
    yield p
    return
  }
  for (const name of fs.readdirSync(p).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    yield* files(path.join(p, name))
  }
}

/** A hash of the contents of `inputs` (paths relative to the project root). */
export function fingerprint(inputs: readonly string[]): string {
  const h = crypto.createHash('sha256')
  for (const input of inputs) {
    for (const f of files(path.join(projectRoot, input))) {
      h.update(path.relative(projectRoot, f)).update('\0').update(fs.readFileSync(f)).update('\0')
    }
  }
  return h.digest('hex')
}

export interface Target {
  name: string
  outDir: string
  inputs: readonly string[]
  build(outDir: string): Promise<void>
}

export const CLIENT: Target = {
  name: 'browser client',
  outDir: path.join(projectRoot, 'dist', 'client'),
  // The recipe (this file) is an input too: a change in how the client is built rebuilds it.
  inputs: ['client', 'common', 'assets', 'vite.config.ts', 'package-lock.json', 'server/build.ts'],
  async build(outDir) {
    const { build } = await import('vite')
    // Always React's production build: Vite takes NODE_ENV from the environment when it is set,
    // and a test runner sets it to "test", which would leave the development build for `npm start`.
    const nodeEnv = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    try {
      await build({
        configFile: path.join(projectRoot, 'vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
        build: { outDir },
      })
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV
      else process.env.NODE_ENV = nodeEnv
    }
  },
}

export const SERVER: Target = {
  name: 'server',
  outDir: path.join(projectRoot, 'dist', 'server'),
  inputs: ['server', 'common', 'package-lock.json'],
  async build(outDir) {
    const esbuild = await import('esbuild')
    fs.rmSync(outDir, { recursive: true, force: true })
    await esbuild.build({
      // The media worker thread is an entry of its own: the server starts it from its file.
      entryPoints: {
        main: path.join(projectRoot, 'server', 'main.ts'),
        'sfu-worker': path.join(projectRoot, 'server', 'media', 'sfu', 'sfu-worker.ts'),
      },
      outdir: outDir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: true,
      logLevel: 'warning',
    })
  },
}

export function isBuilt(t: Target): boolean {
  const stamp = path.join(t.outDir, STAMP)
  return fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === fingerprint(t.inputs)
}

/** Builds a target when needed; `report` gets one line before and one after a build. */
export async function ensureBuilt(t: Target, report: (line: string) => void): Promise<void> {
  if (isBuilt(t)) return
  const started = Date.now()
  report(`Building the ${t.name}…`)
  await t.build(t.outDir)
  fs.writeFileSync(path.join(t.outDir, STAMP), fingerprint(t.inputs) + '\n')
  report(`Built the ${t.name} in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  // Bad configuration stops here, before any build, with the same one line and exit code 2.
  try {
    loadConfig()
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    process.stderr.write(`Atrium cannot start: ${err.message}\n`)
    process.exit(2)
  }
  const report = (line: string) => process.stdout.write(line + '\n')
  await ensureBuilt(CLIENT, report)
  await ensureBuilt(SERVER, report)
}
