/**
 * A teacher uploads slides: a PDF's pages become page backgrounds of the board for everyone; a
 * corrupt, disguised or oversized file gets a clear error and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PDFDocument } from 'pdf-lib'
import { boardPages } from '#common/collab/board-doc.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../helpers/collab-client.ts'
import { makePdf, makePng, postBytes } from '../helpers/board-fixtures.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ ATRIUM_UPLOAD_MAX_MB: '1', ATRIUM_UPLOAD_MAX_PAGES: '20' })
})
afterAll(() => server?.cleanup())

async function lesson() {
  const s = await createSession(server.url)
  const teacher = await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')
  const learner = await joinAs(server.url, s.id, s.invites.learner, 'Wang Fang')
  const slides = `${server.url}/api/sessions/${s.id}/boards/board-1/slides`
  return { s, teacher, learner, slides }
}

describe('slide uploads', () => {
  it("a 3-page PDF becomes three pages with the PDF's pages as backgrounds, live for a learner", async () => {
    const { s, teacher, learner, slides } = await lesson()
    const doc = new Y.Doc()
    const provider = connectDoc(learner, 'boards', doc)
    await waitSynced(provider)
    const pdf = await makePdf(3)
    const res = await postBytes(slides, teacher.token, pdf, 'application/pdf')
    expect(res.status).toBe(201)
    expect(res.json).toMatchObject({ kind: 'pdf', pages: 3 })
    await until(() => boardPages(doc, 'board-1').length === 3, 5000, 'three pages at the learner')
    const pages = boardPages(doc, 'board-1')
    expect(pages.map((p) => p.bg)).toEqual([0, 1, 2].map((page) => ({ kind: 'pdf', asset: res.json.asset, page })))
    expect(pages[0]!.size).toEqual([1600, 1131])
    // The learner's client fetches the stored file with its own session token.
    const file = await fetch(`${server.url}/api/sessions/${s.id}/boards/assets/${res.json.asset}`, {
      headers: { authorization: `Bearer ${learner.token}` },
    })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect((await PDFDocument.load(new Uint8Array(await file.arrayBuffer()))).getPageCount()).toBe(3)
    provider.destroy()
  })

  it('an image upload becomes one page with the image as its background', async () => {
    const { teacher, slides } = await lesson()
    const res = await postBytes(slides, teacher.token, makePng(400, 300))
    expect(res.status).toBe(201)
    expect(res.json).toMatchObject({ kind: 'png', pages: 1 })
  })

  it.each([
    ['a truncated PDF', async () => (await makePdf(2)).slice(0, 300), 400, /damaged/],
    ['a text file named .pdf', async () => new TextEncoder().encode('hello, not a pdf'), 415, /Only PDF, PNG and JPEG/],
    ['an empty body', async () => new Uint8Array(), 400, /empty/],
    ['a PDF over the page limit', () => makePdf(21), 400, /21 pages; at most 20/],
    [
      'a file over the size limit',
      async () => new Uint8Array(1024 * 1024 + 10).fill(37),
      413,
      /larger than the upload limit of 1 MB/,
    ],
  ])('%s gets a clear error and nothing is stored', async (_what, make, status, message) => {
    const { s, teacher, slides } = await lesson()
    const before = server.atrium.boards.files.count()
    const res = await postBytes(slides, teacher.token, await make())
    expect(res.status).toBe(status)
    expect(res.json.error.message).toMatch(message)
    expect(server.atrium.boards.files.count()).toBe(before)
    const doc = new Y.Doc()
    await server.atrium.collab.write({ sessionId: s.id as any, kind: 'boards' }, (d) =>
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(d)),
    )
    expect(boardPages(doc, 'board-1')).toHaveLength(1)
  })

  it('learners may not upload slides; a missing token is a 401', async () => {
    const { learner, slides } = await lesson()
    expect((await postBytes(slides, learner.token, await makePdf(1))).status).toBe(403)
    expect((await postBytes(slides, '', await makePdf(1))).status).toBe(401)
  })
})
