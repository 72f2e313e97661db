/**
 * Chinese on a board survives the PDF export: text items and notes are written with an embedded
 * Noto Sans SC subset, so a PDF reader (pdf.js here) finds the same characters, wrapped inside
 * their box as on screen; only a character the font lacks becomes "?".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { defaultPageId, itemsOf } from '#common/collab/board-doc.ts'
import { addItem } from '#common/collab/board-ops.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { connectDoc, waitSynced } from '../helpers/collab-client.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.cleanup())

interface TextRun {
  str: string
  x: number
  y: number
}

/** The text runs of each page as pdf.js reads them, and the fonts it found embedded. */
async function readPdf(bytes: Uint8Array): Promise<{ pages: TextRun[][]; fonts: string[] }> {
  // pdf.js takes over the buffer it is given: hand it a copy.
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise
  const pages: TextRun[][] = []
  const fonts = new Set<string>()
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i)
    const content = await page.getTextContent()
    const runs: TextRun[] = []
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue
      runs.push({ str: item.str, x: item.transform[4], y: item.transform[5] })
    }
    for (const style of Object.values(content.styles)) fonts.add(style.fontFamily)
    pages.push(runs)
  }
  await pdf.destroy()
  return { pages, fonts: [...fonts] }
}

/** The names of the fonts whose glyph programs are embedded (a descriptor with a FontFile2). */
async function embeddedFonts(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes)
  const names: string[] = []
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of('FontDescriptor')) {
      if (obj.has(PDFName.of('FontFile2'))) names.push(obj.lookup(PDFName.of('FontName'), PDFName).decodeText())
    }
  }
  return names
}

describe('Chinese text in the exported PDF', () => {
  it('text and notes in Chinese come out as the same characters, wrapped in their boxes', async () => {
    const s = await createSession(server.url)
    const teacher = await joinAs(server.url, s.id, s.invites.teacher, '李老师')
    const provider = connectDoc(teacher, 'boards', new Y.Doc())
    await waitSynced(provider)
    const page = defaultPageId('board-1')
    const style = { color: '#1d232b', width: 28 }
    const me = teacher.participant.identity
    addItem(
      provider.doc,
      { kind: 'text', page, by: me, style, geom: { x: 80, y: 60, w: 900, h: 80 }, text: '勾股定理：直角三角形' },
      'me',
    )
    // A narrow note: 14 characters of about 28 units each cannot fit in one 200-unit line.
    const note = '请同学们用自己的话解释这个定理'
    addItem(
      provider.doc,
      { kind: 'note', page, by: me, style, geom: { x: 1000, y: 300, w: 240, h: 400 }, text: note },
      'me',
    )
    // Mixed with Latin, and one character far outside any subset (U+2A6D6, CJK Extension B).
    addItem(
      provider.doc,
      { kind: 'text', page, by: me, style, geom: { x: 80, y: 600, w: 1200, h: 80 }, text: 'a² + b² = c²，证毕 𪛖' },
      'me',
    )
    const serverItems = async () => {
      let n = 0
      await server.atrium.collab.write({ sessionId: s.id as any, kind: 'boards' }, (d) => (n = itemsOf(d).size))
      return n
    }
    await expect.poll(serverItems, { timeout: 5000 }).toBe(3)

    const res = await fetch(`${server.url}/api/sessions/${s.id}/boards/board-1/export`, {
      method: 'POST',
      headers: { authorization: `Bearer ${teacher.token}` },
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const file = await fetch(`${server.url}/api/sessions/${s.id}/boards/exports/${id}`, {
      headers: { authorization: `Bearer ${teacher.token}` },
    })
    const bytes = new Uint8Array(await file.arrayBuffer())
    const { pages, fonts } = await readPdf(bytes)
    expect(pages).toHaveLength(1)
    const runs = pages[0]!
    const all = runs.map((r) => r.str).join('')

    expect(runs.map((r) => r.str)).toContain('勾股定理：直角三角形')
    // The note wraps onto several lines, left-aligned in its box, top to bottom, losing nothing.
    const noteRuns = runs.filter((r) => note.includes(r.str))
    expect(noteRuns.length).toBeGreaterThan(1)
    expect(noteRuns.map((r) => r.str).join('')).toBe(note)
    expect(new Set(noteRuns.map((r) => Math.round(r.x))).size).toBe(1)
    expect(noteRuns.map((r) => r.y)).toEqual([...noteRuns.map((r) => r.y)].sort((a, b) => b - a))
    expect(all).toContain('a² + b² = c²，证毕 ?')
    expect(all).not.toContain('𪛖')
    // The glyphs travel inside the file: one embedded TrueType font, cut down to what the board uses.
    expect(fonts).toHaveLength(1)
    expect(await embeddedFonts(bytes)).toEqual([expect.stringMatching(/^NotoSansSC/)])
    expect(bytes.byteLength).toBeLessThan(100_000)
    provider.destroy()
  })
})
