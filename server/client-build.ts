/**
 * Builds the browser client when its sources changed since the last build, so `npm start` on a
 * fresh checkout just works. The build is skipped when the content fingerprint of everything that
 * goes into it matches the one stored next to the output.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const INPUTS = ['client', 'common', 'assets', 'vite.config.ts', 'package-lock.json']
const STAMP = '.atrium-build'

function* files(p: string): Generator<string> {
  if (!fs.existsSync(p)) return
  const st = fs.statSync(p)
  if (st.isFile()) {
    yield p
    return
  }
  for (const name of fs.readdirSync(p).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    yield* files(path.join(p, name))
  }
}

export function clientFingerprint(): string {
  const h = crypto.createHash('sha256')
  for (const input of INPUTS) {
    for (const f of files(path.join(root, input))) {
      h.update(path.relative(root, f)).update('\0').update(fs.readFileSync(f)).update('\0')
    }
  }
  return h.digest('hex')
}

export function isClientBuilt(outDir: string): boolean {
  const stamp = path.join(outDir, STAMP)
  return fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === clientFingerprint()
}

/** Builds when needed; `report` receives one line before and one after a build. */
export async function ensureClientBuilt(outDir: string, report: (line: string) => void): Promise<void> {
  if (isClientBuilt(outDir)) return
  const started = Date.now()
  report('Building the browser client (first start, or the client changed)…')
  const { build } = await import('vite')
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir } })
  fs.writeFileSync(path.join(outDir, STAMP), clientFingerprint() + '\n')
  report(`Browser client built in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
}
