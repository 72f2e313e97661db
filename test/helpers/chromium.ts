/**
 * Finds a Chromium for the browser tests. Order: CHROME_PATH, Debian's /usr/bin/chromium, other
 * usual places. Where none exists and apt-get can run as root, installs Debian's `chromium` (and
 * CJK fonts for the Chinese UI) and says so. Otherwise fails with instructions; it never skips.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
]

function which(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' })
  const p = r.stdout.trim()
  return r.status === 0 && p ? p : undefined
}

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROME_PATH
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`)
    return fromEnv
  }
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? which('chromium') ?? which('google-chrome')
}

function canInstallWithApt(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0 && which('apt-get') !== undefined
}

export function ensureChromium(log: (line: string) => void = (l) => process.stderr.write(l + '\n')): string {
  const found = findChromium()
  if (found) return found
  if (!canInstallWithApt()) {
    throw new Error(
      'The browser tests need Chromium and none was found. Install it (Debian/Ubuntu: ' +
        '`sudo apt-get install chromium fonts-noto-cjk`) or set CHROME_PATH to a Chromium or Chrome binary.',
    )
  }
  log('No Chromium found: installing Debian\'s "chromium" and "fonts-noto-cjk" with apt-get (this takes a minute)…')
  const apt = [
    '-o',
    'DPkg::Lock::Timeout=600',
    'install',
    '-y',
    '--no-install-recommends',
    'chromium',
    'fonts-noto-cjk',
  ]
  try {
    execFileSync('apt-get', apt, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  } catch {
    log('apt-get install failed; refreshing the package lists and trying once more…')
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update'], { stdio: 'inherit' })
    execFileSync('apt-get', apt, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  }
  const installed = findChromium()
  if (!installed) throw new Error('apt-get reported success but no chromium binary was found.')
  log(`Installed Chromium at ${installed}.`)
  return installed
}
