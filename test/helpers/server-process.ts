/** Atrium as a real child process (`tsx server/main.ts`), for crash and restart tests. */
import { spawn, type ChildProcess } from 'node:child_process'
import dgram from 'node:dgram'
import net from 'node:net'
import path from 'node:path'
import { TEST_ADMIN_TOKEN } from './server.ts'

const root = path.resolve(import.meta.dirname, '../..')

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** A UDP port on loopback that nothing holds right now (for `ATRIUM_RTC_PORTS=<one port>`). */
export async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4')
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()))
  const p = s.address().port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return p
}

export interface ServerProcess {
  child: ChildProcess
  url: string
  output(): string
  /** Ends the process with a signal and waits for it to exit. */
  kill(signal: NodeJS.Signals): Promise<void>
}

export async function spawnServer(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
  /** Flags for the server's node (e.g. `--cpu-prof`, which NODE_OPTIONS does not allow). */
  nodeFlags: string[] = [],
  /** What node runs: the sources through tsx, or the bundle `npm start` builds (`dist/server/main.mjs`). */
  entry: 'sources' | 'bundle' = 'sources',
): Promise<ServerProcess> {
  // `node --import tsx` keeps it one process, so a signal reaches the server itself (the tsx CLI
  // is a wrapper whose child would survive a SIGKILL).
  const script = entry === 'bundle' ? ['dist/server/main.mjs'] : ['--import', 'tsx', 'server/main.ts']
  const child = spawn(process.execPath, [...nodeFlags, ...script], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ATRIUM_DATA_DIR: dataDir,
      ATRIUM_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ATRIUM_DEMO: 'off',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000)
    const check = () => {
      if (out.includes('Atrium is ready')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', () => {
      clearTimeout(timer)
      reject(new Error(`server exited:\n${out}`))
    })
  })
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    },
  }
}
