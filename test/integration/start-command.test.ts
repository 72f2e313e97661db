/**
 * `npm start` exactly as a newcomer runs it, in a child process. First start prints
 * the URL, the admin token (stored 0600) and demo links; the second start prints no token; a bad
 * variable stops it with one line and exit code 2.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-start-'))
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

interface Run {
  output: string
  exitCode: number | null
}

/** Runs the server until `until` matches its output (then stops it with SIGTERM) or it exits. */
function runServer(env: Record<string, string>, until?: RegExp, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ATRIUM_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    })
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not finish in time; output:\n${output}`))
    }, timeoutMs)
    const onData = (d: Buffer) => {
      output += d.toString()
      if (until?.test(output)) child.kill('SIGTERM')
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (exitCode) => {
      clearTimeout(timer)
      resolve({ output, exitCode })
    })
  })
}

describe('npm start', () => {
  it('prints the URL, the admin token once, and teacher and learner links that work', async () => {
    const first = await runServer({}, /Stop with Ctrl\+C/)
    expect(first.output).toMatch(/Atrium is ready at http:\/\/127\.0\.0\.1:\d+/)
    const token = /Admin token[^\n]*\n\s+(atr_\S+)/.exec(first.output)?.[1]
    expect(token).toBeDefined()
    const file = path.join(dataDir, 'admin-token')
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(token)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    const teacher = /Teacher:\s+(\S+)/.exec(first.output)?.[1]
    const learner = /Learner:\s+(\S+)/.exec(first.output)?.[1]
    expect(teacher).toMatch(/\/s\/[a-z0-9]{10}\?invite=[a-z0-9]{12}$/)
    expect(learner).toMatch(/\/s\/[a-z0-9]{10}\?invite=[a-z0-9]{12}$/)
    expect(first.exitCode).toBe(0)

    const second = await runServer({}, /Stop with Ctrl\+C/)
    expect(second.output).not.toContain('Admin token')
    expect(second.output).not.toContain(token!)
    // The same demo session, so links printed yesterday still work today.
    expect(/Teacher:\s+(\S+)/.exec(second.output)?.[1]?.split('/s/')[1]).toBe(teacher!.split('/s/')[1])
  })

  it('stops with one line naming a bad variable and exit code 2', async () => {
    const bad = await runServer({ PORT: 'abc' })
    expect(bad.exitCode).toBe(2)
    const ours = bad.output.split('\n').filter((l) => l.startsWith('Atrium'))
    expect(ours).toEqual(['Atrium cannot start: PORT must be an integer from 1 to 65535, got "abc"'])
    expect(bad.output).not.toMatch(/Building|at .*\.ts:\d+/)
  })
})
