/** The session API contract of docs/api.md, against a real server on port 0. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeJwt } from 'jose'
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/server.ts'
import { createSession, postJson } from '../helpers/api.ts'
import { ROLES } from '#common/roles.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }

describe('POST /api/sessions', () => {
  it('creates a session with an invite and an absolute link per role', async () => {
    const r = await postJson(`${server.url}/api/sessions`, { title: '  Physics 101 ' }, admin)
    expect(r.status).toBe(201)
    expect(r.json).toMatchObject({ title: 'Physics 101', scene: 'lecture-hall' })
    expect(r.json.id).toMatch(/^[a-z0-9]{10}$/)
    expect(Object.keys(r.json.invites).sort()).toEqual([...ROLES].sort())
    expect(Object.keys(r.json.links).sort()).toEqual([...ROLES].sort())
    for (const role of ROLES) {
      expect(r.json.links[role]).toBe(`${server.url}/s/${r.json.id}?invite=${r.json.invites[role]}`)
    }
    expect(new Set(Object.values(r.json.invites)).size).toBe(ROLES.length)
  })

  it('accepts a scene from the catalog and refuses an unknown one with the field path', async () => {
    const ok = await postJson(`${server.url}/api/sessions`, { title: 'Hall', scene: 'lecture-hall' }, admin)
    expect(ok.status).toBe(201)
    const bad = await postJson(`${server.url}/api/sessions`, { title: 'Lab', scene: 'no-such-lab' }, admin)
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('bad_request')
    expect(bad.json.error.issues).toEqual([expect.objectContaining({ path: 'scene' })])
  })

  it('answers 401 without the admin token, and with a wrong one', async () => {
    const none = await postJson(`${server.url}/api/sessions`, { title: 'x' })
    expect(none.status).toBe(401)
    expect(none.json.error.code).toBe('unauthorized')
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    const wrong = await postJson(`${server.url}/api/sessions`, { title: 'x' }, { authorization: 'Bearer nope' })
    expect(wrong.status).toBe(401)
  })

  it('answers 400 naming every failing field', async () => {
    const r = await postJson(`${server.url}/api/sessions`, { title: '', extra: 1 }, admin)
    expect(r.status).toBe(400)
    const paths = (r.json.error.issues as { path: string }[]).map((i) => i.path).sort()
    expect(paths).toEqual(['(root)', 'title'])
    const notJson = await postJson(`${server.url}/api/sessions`, '{"title": ', admin)
    expect(notJson.status).toBe(400)
    expect(notJson.json.error.code).toBe('bad_request')
  })

  it('answers 413 for a body over the limit and 415 for a body that is not JSON', async () => {
    const big = await postJson(`${server.url}/api/sessions`, { title: 'x'.repeat(100_000) }, admin)
    expect(big.status).toBe(413)
    expect(big.json.error.code).toBe('payload_too_large')
    const res = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'text/plain' },
      body: 'title=x',
    })
    expect(res.status).toBe(415)
  })
})

describe('GET /api/sessions/:id', () => {
  it('gives public information only, never invites or tokens', async () => {
    const s = await createSession(server.url, { title: 'Chemistry' })
    const res = await fetch(`${server.url}/api/sessions/${s.id}`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({
      id: s.id,
      title: 'Chemistry',
      scene: 'lecture-hall',
      status: 'open',
      participantCount: 0,
      createdAt: expect.any(String),
    })
    const text = JSON.stringify(body)
    for (const code of Object.values(s.invites)) expect(text).not.toContain(code)
  })

  it('answers 404 for an unknown session', async () => {
    const res = await fetch(`${server.url}/api/sessions/zzzzzzzzzz`)
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('not_found')
    expect((await fetch(`${server.url}/api/sessions/not%20an%20id`)).status).toBe(404)
  })
})

describe('POST /api/sessions/:id/join', () => {
  it('turns an invite into a participant with session, collab and media tokens', async () => {
    const s = await createSession(server.url)
    const r = await postJson(`${server.url}/api/sessions/${s.id}/join`, {
      invite: s.invites.learner,
      name: ' Wang Fang ',
    })
    expect(r.status).toBe(200)
    expect(r.json.participant).toEqual({ identity: expect.stringMatching(/^p_/), name: 'Wang Fang', role: 'learner' })
    expect(r.json.collab.url).toBe(`${server.url.replace('http', 'ws')}/collab`)
    expect(r.json.collab.docs).toEqual({
      control: `session/${s.id}/control`,
      boards: `session/${s.id}/boards`,
      lab: `session/${s.id}/lab/lecture-hall`,
    })
    expect(r.json.media.url).toBe(server.url.replace('http', 'ws'))
    const session = decodeJwt(r.json.token)
    expect(session).toMatchObject({ sid: s.id, sub: r.json.participant.identity, name: 'Wang Fang', role: 'learner' })
    expect(session.exp! * 1000).toBe(Date.parse(r.json.expiresAt))
    const media = decodeJwt(r.json.media.token) as { sub: string; video: { room: string; roomJoin: boolean } }
    expect(media.sub).toBe(r.json.participant.identity)
    expect(media.video).toMatchObject({ room: `atrium-${s.id}`, roomJoin: true })
  })

  it('accepts an invite typed in capitals or with spaces', async () => {
    const s = await createSession(server.url)
    const r = await postJson(`${server.url}/api/sessions/${s.id}/join`, {
      invite: ` ${s.invites.teacher.toUpperCase()} `,
      name: 'Ms. Li',
    })
    expect(r.status).toBe(200)
    expect(r.json.participant.role).toBe('teacher')
    // Moderators also read the learners' responses.
    expect(r.json.collab.docs.responses).toBe(`session/${s.id}/responses`)
  })

  it('answers 403 for an invite of another session or a made-up one', async () => {
    const a = await createSession(server.url)
    const b = await createSession(server.url)
    const r = await postJson(`${server.url}/api/sessions/${a.id}/join`, { invite: b.invites.teacher, name: 'Mallory' })
    expect(r.status).toBe(403)
    expect(r.json.error.code).toBe('forbidden')
    const made = await postJson(`${server.url}/api/sessions/${a.id}/join`, { invite: 'aaaaaaaaaaaa', name: 'Mallory' })
    expect(made.status).toBe(403)
  })

  it('answers 404 for an unknown session', async () => {
    const r = await postJson(`${server.url}/api/sessions/zzzzzzzzzz/join`, { invite: 'aaaaaaaaaaaa', name: 'Ann' })
    expect(r.status).toBe(404)
  })

  it.each([
    ['an empty name', '   ', 'must not be empty'],
    ['a name of 65 characters', 'x'.repeat(65), 'must be at most 64 characters'],
    ['a name with a control character', 'Ann\u0007', 'must not contain control characters'],
    ['a name with a bidi override', 'Ann\u202Egnp.exe', 'must not contain control characters'],
  ])('answers 400 for %s', async (_label, name, message) => {
    const s = await createSession(server.url)
    const r = await postJson(`${server.url}/api/sessions/${s.id}/join`, { invite: s.invites.learner, name })
    expect(r.status).toBe(400)
    expect(r.json.error.issues).toEqual([{ path: 'name', message }])
  })

  it('counts a 64-character name of Chinese characters as 64 characters', async () => {
    const s = await createSession(server.url)
    const r = await postJson(`${server.url}/api/sessions/${s.id}/join`, {
      invite: s.invites.learner,
      name: '学'.repeat(64),
    })
    expect(r.status).toBe(200)
  })

  it('answers 400 for a missing invite', async () => {
    const s = await createSession(server.url)
    const r = await postJson(`${server.url}/api/sessions/${s.id}/join`, { name: 'Ann' })
    expect(r.status).toBe(400)
    expect(r.json.error.issues).toEqual([expect.objectContaining({ path: 'invite' })])
  })
})

describe('rate limits', () => {
  it('answers 429 after too many join attempts from one address on one session', async () => {
    const limited = await startTestServer({ ATRIUM_JOIN_RATE_LIMIT: '3' })
    try {
      const s = await createSession(limited.url)
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) {
        const r = await postJson(`${limited.url}/api/sessions/${s.id}/join`, { invite: 'wrongwrong22', name: 'Eve' })
        statuses.push(r.status)
        if (r.status === 429) {
          expect(r.json.error.code).toBe('rate_limited')
          expect(r.headers.get('retry-after')).toMatch(/^\d+$/)
        }
      }
      expect(statuses).toEqual([403, 403, 403, 429, 429])
    } finally {
      await limited.cleanup()
    }
  })
})
