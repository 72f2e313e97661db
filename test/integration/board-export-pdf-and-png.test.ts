/**
 * Exports: a whole board becomes one PDF with every page (slides and ink together), a page PNG is
 * kept too, and both are listed in the session's records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PDFDocument } from 'pdf-lib'
import { boardPages } from '#common/collab/board-doc.ts'
import { addItem } from '#common/collab/board-ops.ts'
import { encodePoints } from '#common/collab/board-points.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../helpers/collab-client.ts'
import { makePdf, makePng, postBytes } from '../helpers/board-fixtures.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.cleanup())

describe('board exports', () => {
  it('a board of 2 slides with ink on one exports as a 2-page PDF with both, kept in the records', async () => {
    const s = await createSession(server.url)
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
    const learner = await joinAs(server.url, s.id, s.invites.learner, 'Wang Fang')
    const base = `${server.url}/api/sessions/${s.id}/boards`
    expect((await postBytes(`${base}/board-1/slides`, teacher.token, await makePdf(2))).status).toBe(201)

    const doc = new Y.Doc()
    const provider = connectDoc(learner, 'boards', doc)
    await waitSynced(provider)
    await until(() => boardPages(doc, 'board-1').length === 2)
    const [first] = boardPages(doc, 'board-1')
    const pts = Array.from({ length: 40 }, (_, i) => ({ x: 100 + i * 10, y: 300 + Math.sin(i / 4) * 80 }))
    addItem(
      doc,
      {
        kind: 'ink',
        page: first!.id,
        by: learner.participant.identity,
        style: { color: '#b91c1c', width: 6 },
        pressure: false,
        first: encodePoints(pts, false).bytes,
      },
      'me',
    )
    addItem(
      doc,
      {
        kind: 'note',
        page: first!.id,
        by: 'l',
        style: { color: '#1d232b', width: 28 },
        geom: { x: 900, y: 100, w: 240, h: 200 },
        text: 'Remember: n sin θ',
      },
      'me',
    )

    const exportOf = async (board: string, token: string) => {
      const r = await fetch(`${base}/${board}/export`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      })
      return { status: r.status, json: (await r.json()) as any }
    }
    const blankPage = await exportOf('main', learner.token)
    expect(blankPage.status).toBe(201)
    expect(blankPage.json).toMatchObject({ board: 'main', format: 'pdf', pages: 1 })

    // Wait until the server holds the learner's strokes, then export the slide board.
    const serverItems = async () => {
      let n = 0
      await server.atrium.collab.write({ sessionId: s.id as any, kind: 'boards' }, (d) => (n = d.getMap('items').size))
      return n
    }
    await expect.poll(serverItems, { timeout: 5000 }).toBe(2)
    const res = await exportOf('board-1', teacher.token)
    expect(res.status).toBe(201)
    expect(res.json).toMatchObject({ board: 'board-1', page: null, format: 'pdf', pages: 2, by: 'Ms. Li' })
    const file = await fetch(`${base}/exports/${res.json.id}`, {
      headers: { authorization: `Bearer ${learner.token}` },
    })
    expect(file.headers.get('content-type')).toBe('application/pdf')
    const pdf = await PDFDocument.load(new Uint8Array(await file.arrayBuffer()))
    expect(pdf.getPageCount()).toBe(2)
    // The slide and the ink are both in the first page's content (a form XObject plus a filled path).
    expect(res.json.bytes).toBeGreaterThan(blankPage.json.bytes)

    const png = await postBytes(
      `${base}/board-1/pages/${encodeURIComponent(first!.id)}/png`,
      learner.token,
      makePng(160, 90),
      'image/png',
    )
    expect(png.status).toBe(201)
    expect(png.json).toMatchObject({ format: 'png', page: first!.id, by: 'Wang Fang' })
    const notPng = await postBytes(
      `${base}/board-1/pages/${encodeURIComponent(first!.id)}/png`,
      learner.token,
      await makePdf(1),
      'image/png',
    )
    expect(notPng.status).toBe(415)

    const list = await fetch(`${base}/exports`, { headers: { authorization: `Bearer ${teacher.token}` } })
    const { exports } = (await list.json()) as { exports: { format: string; board: string }[] }
    expect(exports.map((e) => `${e.board}:${e.format}`)).toEqual(['main:pdf', 'board-1:pdf', 'board-1:png'])
    provider.destroy()
  })
})
