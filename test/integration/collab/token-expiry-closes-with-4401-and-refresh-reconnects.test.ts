import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs, postJson } from '../../helpers/api.ts'
import { connectDoc, nextClose, until, waitSynced } from '../../helpers/collab-client.ts'
import { signCollabToken, serverTokens } from '../../helpers/tokens.ts'
import { Audience } from '../../../server/auth/tokens.ts'
import type { ParticipantIdentity, SessionId } from '#common/ids.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

describe('token expiry', () => {
  it('closes an open socket with 4401 when its token expires; a refreshed token reconnects', async () => {
    const s = await createSession(server.url)
    const join = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const claims = {
      sessionId: s.id as SessionId,
      identity: join.participant.identity as ParticipantIdentity,
      name: 'Ann',
      role: 'learner' as const,
    }
    const short = await signCollabToken(server.dataDir, claims, 2)
    const provider = connectDoc({ ...join, collab: { ...join.collab, token: short } }, 'boards')
    try {
      await waitSynced(provider)
      const opened = Date.now()
      const closed = nextClose(provider)
      provider.shouldConnect = false
      expect(await closed).toBe(4401)
      const lifetime = Date.now() - opened
      expect(lifetime).toBeGreaterThan(500)
      expect(lifetime).toBeLessThan(3500)

      // The client asks the API for fresh tokens with its session token, then reconnects.
      const r = await postJson(
        `${server.url}/api/sessions/${s.id}/refresh`,
        {},
        { authorization: `Bearer ${join.token}` },
      )
      expect(r.status).toBe(200)
      expect(r.json.participant).toEqual(join.participant)
      provider.params.token = r.json.collab.token
      provider.shouldConnect = true
      provider.connect()
      await until(() => provider.wsconnected, 5000, 'the reconnect')
    } finally {
      provider.destroy()
    }
  })

  it('refresh refuses a missing, expired or foreign session token', async () => {
    const a = await createSession(server.url)
    const b = await createSession(server.url)
    const join = await joinAs(server.url, a.id, a.invites.learner, 'Ann')
    const url = `${server.url}/api/sessions/${a.id}/refresh`
    expect((await postJson(url, {})).status).toBe(401)
    const expired = await serverTokens(server.dataDir).sign(
      {
        sessionId: a.id as SessionId,
        identity: join.participant.identity as ParticipantIdentity,
        name: 'Ann',
        role: 'learner',
      },
      Audience.Session,
      -10,
    )
    const r = await postJson(url, {}, { authorization: `Bearer ${expired}` })
    expect(r.status).toBe(401)
    expect(r.json.error.message).toMatch(/expired/)
    // A collab token is not a session token.
    expect((await postJson(url, {}, { authorization: `Bearer ${join.collab.token}` })).status).toBe(401)
    const other = await postJson(
      `${server.url}/api/sessions/${b.id}/refresh`,
      {},
      { authorization: `Bearer ${join.token}` },
    )
    expect(other.status).toBe(403)
  })
})
