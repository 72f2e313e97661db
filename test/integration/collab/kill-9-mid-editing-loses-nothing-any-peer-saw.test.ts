/**
 * Every update the server relays is in SQLite first, so `kill -9` in the middle of a lesson loses
 * nothing any other peer had already received.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../../helpers/collab-client.ts'
import { freePort, spawnServer, type ServerProcess } from '../../helpers/server-process.ts'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-kill9-'))
let proc: ServerProcess | undefined
afterAll(async () => {
  await proc?.kill('SIGKILL')
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('kill -9 mid-editing', () => {
  it('loses no update that any peer had seen', async () => {
    const port = await freePort()
    proc = await spawnServer(dataDir, port)
    const s = await createSession(proc.url)
    const joins = await Promise.all(['Ann', 'Bo', 'Cy', 'Di'].map((n) => joinAs(proc!.url, s.id, s.invites.learner, n)))
    const writers = joins.slice(0, 3).map((j) => connectDoc(j, 'boards'))
    const watcher = connectDoc(joins[3]!, 'boards')
    await Promise.all([...writers, watcher].map((p) => waitSynced(p)))

    // Writers draw as fast as they can; the watcher records every stroke it receives.
    let drawing = true
    const loops = writers.map(async (w, i) => {
      let n = 0
      while (drawing) {
        w.doc.getArray<string>('strokes').push([`w${i}-${n++}`])
        await new Promise((r) => setTimeout(r, 3))
      }
    })
    await until(() => watcher.doc.getArray('strokes').length > 200, 10_000, 'strokes to flow')
    await proc.kill('SIGKILL')
    drawing = false
    await Promise.all(loops)
    const seen = new Set(watcher.doc.getArray<string>('strokes').toArray())
    // Nobody may resend anything: the writers and the watcher leave for good.
    for (const p of [...writers, watcher]) p.destroy()

    proc = await spawnServer(dataDir, port)
    const fresh = connectDoc(await joinAs(proc.url, s.id, s.invites.teacher, 'Checker'), 'boards', new Y.Doc())
    await waitSynced(fresh)
    const stored = new Set(fresh.doc.getArray<string>('strokes').toArray())
    const lost = [...seen].filter((x) => !stored.has(x))
    expect(seen.size).toBeGreaterThan(200)
    expect(lost).toEqual([])
    fresh.destroy()
  })
})
