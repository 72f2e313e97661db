import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs, postJson } from '../../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../../helpers/collab-client.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

describe('chat', () => {
  it('a message reaches everyone with the sender named by the server', async () => {
    const s = await createSession(server.url)
    const ann = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const teacher = connectDoc(await joinAs(server.url, s.id, s.invites.teacher, 'T'))
    await waitSynced(teacher)
    const r = await postJson(
      `${server.url}/api/sessions/${s.id}/chat`,
      { text: '  Can you repeat that?\n谢谢 ' },
      { authorization: `Bearer ${ann.token}` },
    )
    expect(r.status).toBe(201)
    const chat = teacher.doc.getArray(ControlDoc.chat)
    await until(() => chat.length === 1, 5000, 'the message')
    expect(chat.get(0)).toMatchObject({
      identity: ann.participant.identity,
      name: 'Ann',
      role: 'learner',
      text: 'Can you repeat that?\n谢谢',
    })
    teacher.destroy()
  })

  it('refuses observers, empty, oversized and control-character messages', async () => {
    const s = await createSession(server.url)
    const url = `${server.url}/api/sessions/${s.id}/chat`
    const obs = await joinAs(server.url, s.id, s.invites.observer, 'Obs')
    const ann = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const auth = { authorization: `Bearer ${ann.token}` }
    expect((await postJson(url, { text: 'hi' }, { authorization: `Bearer ${obs.token}` })).status).toBe(403)
    expect((await postJson(url, { text: 'hi' })).status).toBe(401)
    expect((await postJson(url, { text: '   ' }, auth)).json.error.issues).toEqual([
      { path: 'text', message: 'must not be empty' },
    ])
    expect((await postJson(url, { text: 'x'.repeat(2001) }, auth)).status).toBe(400)
    expect((await postJson(url, { text: 'bell\u0007' }, auth)).status).toBe(400)
  })
})
