/**
 * ATRIUM_RTC_PORTS with one port that another program already holds stops Atrium at start with
 * one line and exit code 2, instead of every call failing later without a word.
 */
import { spawn } from 'node:child_process'
import dgram from 'node:dgram'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../..')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-taken-port-'))
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

function run(env: Record<string, string>): Promise<{ output: string; exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ATRIUM_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    })
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the server did not stop; output:\n${output}`))
    }, 20_000)
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('exit', (exitCode) => {
      clearTimeout(timer)
      resolve({ output, exitCode })
    })
  })
}

describe('a shared RTC port in use', () => {
  it('stops the start with one line naming ATRIUM_RTC_PORTS and exit code 2', async () => {
    const holder = dgram.createSocket('udp4')
    await new Promise<void>((resolve) => holder.bind(0, '127.0.0.1', () => resolve()))
    const port = holder.address().port
    try {
      const r = await run({ ATRIUM_RTC_PORTS: String(port) })
      expect(r.exitCode).toBe(2)
      expect(r.output.split('\n').filter((l) => l.startsWith('Atrium'))).toEqual([
        `Atrium cannot start: ATRIUM_RTC_PORTS: UDP port ${port} is already in use on 127.0.0.1; stop the program using it or choose another port`,
      ])
    } finally {
      holder.close()
    }
  })
})
