/**
 * Calling everyone back from breakouts and messaging every group go through the API, checked on
 * the server: only teachers and assistants may; a bad message changes nothing; the groups'
 * written pages are appended to the main room's boards, once, however often the call is made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { createSession, joinAs } from '../../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../../helpers/collab-client.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import { LessonSettings, writeGroups } from '#common/collab/lesson-control.ts'
import { boardPages, defaultPageId, pageItems } from '#common/collab/board-doc.ts'
import { addItem } from '#common/collab/board-ops.ts'
import type { JoinResponse } from '#common/api/join.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

async function send(method: string, url: string, token: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined }
}

function openGroupBoards(join: JoinResponse, sessionId: string, group: string): WebsocketProvider {
  return new WebsocketProvider(join.collab.url, `session/${sessionId}/group/${group}/boards`, new Y.Doc(), {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: join.collab.token },
  })
}

describe('breakouts through the API', () => {
  it('only moderators call back or broadcast; the groups’ pages land once on the main boards', async () => {
    const s = await createSession(server.url)
    const api = `${server.url}/api/sessions/${s.id}`
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const ann = await joinAs(server.url, s.id, s.invites.learner, 'Ann')
    const control = connectDoc(teacher)
    const main = connectDoc(teacher, 'boards')
    await Promise.all([waitSynced(control), waitSynced(main)])
    const settings = control.doc.getMap(ControlDoc.settings)
    writeGroups(control.doc, { g1: [ann.participant.identity], g2: [] })
    settings.set(LessonSettings.breakoutsOpen, true)

    // Group 1 writes two strokes on its board; group 2 writes nothing.
    const g1 = openGroupBoards(teacher, s.id, 'g1')
    await waitSynced(g1)
    const page = defaultPageId('front')
    for (const x of [1, 2])
      addItem(
        g1.doc,
        { kind: 'rect', page, by: 'x', style: { color: '#1d4ed8', width: 2 }, geom: { x, y: 1, w: 5, h: 5 } },
        'me',
      )
    await until(
      () =>
        server.atrium.collab.read({ sessionId: s.id as never, kind: 'boards', group: 'g1' }).getMap('items').size === 2,
      5000,
      'group strokes stored',
    )

    // A learner may do neither.
    expect((await send('POST', `${api}/breakouts/return`, ann.token, {})).status).toBe(403)
    expect((await send('POST', `${api}/breakouts/broadcast`, ann.token, { text: 'hi' })).status).toBe(403)
    // A bad message is refused and changes nothing.
    const empty = await send('POST', `${api}/breakouts/broadcast`, teacher.token, { text: '   ' })
    expect(empty.status).toBe(400)
    expect((await send('POST', `${api}/breakouts/broadcast`, teacher.token, { text: 'x'.repeat(501) })).status).toBe(
      400,
    )
    expect(settings.get(LessonSettings.broadcast)).toBeUndefined()
    expect(settings.get(LessonSettings.breakoutsOpen)).toBe(true)

    // The teacher's message reaches the control document, stamped with the teacher's name.
    expect((await send('POST', `${api}/breakouts/broadcast`, teacher.token, { text: 'Five minutes' })).status).toBe(204)
    await until(() => settings.get(LessonSettings.broadcast) !== undefined, 5000, 'the broadcast')
    expect(settings.get(LessonSettings.broadcast)).toMatchObject({ text: 'Five minutes', from: 'Ms. Li' })

    // Calling back closes the breakouts and appends group 1's page after the main page.
    const back = await send('POST', `${api}/breakouts/return`, teacher.token, {})
    expect(back).toEqual({ status: 200, json: { copiedPages: 1 } })
    await until(() => settings.get(LessonSettings.breakoutsOpen) === false, 5000, 'breakouts closed')
    await until(() => boardPages(main.doc, 'front').length === 2, 5000, 'the group page on the main board')
    const [first, copied] = boardPages(main.doc, 'front')
    expect(first!.id).toBe(page)
    expect(pageItems(main.doc, copied!.id)).toHaveLength(2)
    // Again: still one copy.
    expect((await send('POST', `${api}/breakouts/return`, teacher.token, {})).json).toEqual({ copiedPages: 1 })
    await new Promise((r) => setTimeout(r, 200))
    expect(boardPages(main.doc, 'front')).toHaveLength(2)
    for (const p of [control, main, g1]) p.destroy()
  })
})
