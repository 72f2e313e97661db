import { afterAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import type { SessionId } from '#common/ids.ts'

const servers: TestServer[] = []
afterAll(async () => {
  for (const s of servers.reverse()) await s.cleanup()
})

describe('a restart', () => {
  it('keeps sessions, invites and participants, and old tokens still open documents', async () => {
    const first = await startTestServer()
    servers.push(first)
    const s = await createSession(first.url, { title: 'Kept across restarts' })
    await joinAs(first.url, s.id, s.invites.teacher, 'Ms. Li')

    const second = await first.restart()
    servers.push(second)
    const info = await (await fetch(`${second.url}/api/sessions/${s.id}`)).json()
    expect(info).toMatchObject({ id: s.id, title: 'Kept across restarts', status: 'open' })
    const j = await joinAs(second.url, s.id, s.invites.learner, 'Wang Fang')
    expect(j.participant.role).toBe('learner')
    const rows = second.atrium.store.participantsOf(s.id as SessionId)
    expect(rows.map((r) => [r.name, r.role])).toEqual([
      ['Ms. Li', 'teacher'],
      ['Wang Fang', 'learner'],
    ])
  })
})
