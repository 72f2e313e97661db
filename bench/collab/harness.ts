/**
 * Shared parts of the collab benchmarks: bundle and start each server in its own process, get
 * Atrium tokens through its API, run a load process and measure the server from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sampleProc, type ProcSample } from './proc-stats.ts'
import { freePort } from '../../test/helpers/server-process.ts'

export const root = path.resolve(import.meta.dirname, '../..')
export type Kind = 'atrium' | 'hocuspocus' | 'y-websocket'

const startScript = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start.split(' ')

/** The V8 flags `npm start` gives Atrium (read from package.json, so the two never drift). */
export const ATRIUM_NODE_FLAGS: string[] = startScript.filter((w) => /^--max-[a-z-]+=\d+$/.test(w))

/** The environment `npm start` sets for Atrium's process (such as glibc's `MALLOC_ARENA_MAX`). */
export const ATRIUM_START_ENV: Record<string, string> = Object.fromEntries(
  startScript.flatMap((w) => (/^[A-Z_]+=\S+$/.test(w) ? [w.split('=') as [string, string]] : [])),
)

const ADMIN = 'bench-admin-token-0123456789'

export interface LoadOptions {
  clients: number
  writers: number
  seconds: number
  itemLength?: number
  slowReaders?: number
  mode?: 'append' | 'replace'
}

export interface RunResult {
  delivery: number
  p50: number
  p99: number
  cpuSeconds: number
  cpuShare: number
  peakRssMiB: number
  diskMiB: number
  /** CPU share of the load process during the write phase (near 200% = it saturated both cores). */
  loadCpuShare: number
  /** What the server printed (its warnings, such as dropped slow clients). */
  serverLog: string
}

function node(args: string[], env: Record<string, string>, flags: string[] = [], tsx = false): ChildProcess {
  return spawn(process.execPath, [...flags, ...(tsx ? ['--import', 'tsx'] : []), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function lines(child: ChildProcess, onLine: (line: string) => void): void {
  let buf = ''
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString()
    let i
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i))
      buf = buf.slice(i + 1)
    }
  })
}

/**
 * Every server is bundled the same way (esbuild, packages external) and run by plain node, as
 * `npm start` runs Atrium: no TypeScript loader in the measured process.
 */
export async function bundleServers(kinds: readonly Kind[]): Promise<string> {
  // Bundles must resolve packages from the project's node_modules: put them inside the project.
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true })
  const inProject = fs.mkdtempSync(path.join(root, 'dist', 'bench-'))
  const esbuild = await import('esbuild')
  await esbuild.build({
    entryPoints: kinds.map((k) => path.join(root, 'bench/collab/servers', `${k}.ts`)),
    outdir: inProject,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
  process.on('exit', () => fs.rmSync(inProject, { recursive: true, force: true }))
  return inProject
}

export async function startServer(bundleDir: string, kind: Kind, dataDir: string) {
  const port = await freePort()
  const child = node(
    [path.join(bundleDir, `${kind}.mjs`)],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      ATRIUM_DATA_DIR: dataDir,
      ATRIUM_ADMIN_TOKEN: ADMIN,
      LOG_LEVEL: 'warn',
      ...(kind === 'atrium' ? ATRIUM_START_ENV : {}),
    },
    // Atrium runs with the flags and environment `npm start` gives it; the peers with Node's defaults.
    kind === 'atrium' ? ATRIUM_NODE_FLAGS : [],
  )
  let log = ''
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()))
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${kind} did not start: ${log}`)), 30_000)
    lines(child, (l) => {
      log += l + '\n'
      if (l.startsWith('READY')) {
        clearTimeout(t)
        resolve()
      }
    })
  })
  return { child, port, log: () => log }
}

export async function atriumTokens(port: number, n: number): Promise<{ token: string; doc: string }[]> {
  const base = `http://127.0.0.1:${port}`
  const res = await fetch(`${base}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'bench' }),
  })
  const s = (await res.json()) as { id: string; invites: { learner: string } }
  const out: { token: string; doc: string }[] = []
  for (let i = 0; i < n; i++) {
    const j = await fetch(`${base}/api/sessions/${s.id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ invite: s.invites.learner, name: `Learner ${i}` }),
    })
    const body = (await j.json()) as { collab: { token: string; docs: { boards: string } } }
    out.push({ token: body.collab.token, doc: body.collab.docs.boards })
  }
  return out
}

/** Starts a server, runs one load against it, stops it; all numbers from the write phase. */
export async function runLoad(bundleDir: string, kind: Kind, load: LoadOptions): Promise<RunResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-'))
  const server = await startServer(bundleDir, kind, dataDir)
  const pid = server.child.pid!
  try {
    const url = kind === 'atrium' ? `ws://127.0.0.1:${server.port}/collab` : `ws://127.0.0.1:${server.port}`
    const tokens = kind === 'atrium' ? await atriumTokens(server.port, load.clients) : undefined
    const loadProc = node(['bench/collab/load.ts', JSON.stringify({ kind, url, tokens, ...load })], {}, [], true)
    loadProc.stderr!.on('data', (d: Buffer) => {
      if (!String(d).includes('MaxListeners')) process.stderr.write(d)
    })
    let start: ProcSample | undefined
    let stop: ProcSample | undefined
    let loadStart: ProcSample | undefined
    let loadStop: ProcSample | undefined
    let peakRss = 0
    let result: Record<string, number> | undefined
    const sampler = setInterval(() => {
      if (start && !stop) peakRss = Math.max(peakRss, sampleProc(pid).rssBytes)
    }, 100)
    lines(loadProc, (l) => {
      if (l === 'START') {
        start = sampleProc(pid)
        loadStart = sampleProc(loadProc.pid!)
      } else if (l === 'STOP') {
        stop = sampleProc(pid)
        loadStop = sampleProc(loadProc.pid!)
      } else if (l.startsWith('{')) result = JSON.parse(l)
    })
    await new Promise((r) => loadProc.once('exit', r))
    clearInterval(sampler)
    if (!result || !start || !stop || 'error' in result) {
      throw new Error(`${kind}: the load failed ${JSON.stringify(result)}`)
    }
    const cpu = stop.cpuSeconds - start.cpuSeconds
    return {
      delivery: result.delivery!,
      p50: result.p50!,
      p99: result.p99!,
      cpuSeconds: cpu,
      cpuShare: cpu / result.writeSeconds!,
      peakRssMiB: Math.max(peakRss, stop.rssBytes) / 2 ** 20,
      diskMiB: (stop.writeBytes - start.writeBytes) / 2 ** 20,
      loadCpuShare: (loadStop!.cpuSeconds - loadStart!.cpuSeconds) / result.writeSeconds!,
      serverLog: server.log(),
    }
  } finally {
    server.child.kill('SIGTERM')
    await new Promise((r) => server.child.once('exit', r))
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

export const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—')
