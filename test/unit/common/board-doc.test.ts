import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardPages, defaultPageId, inkPoints, itemsOf, pageContentHash, pageItems } from '#common/collab/board-doc.ts'
import {
  addItem,
  addPage,
  appendInk,
  clearPage,
  deletePage,
  eraseItems,
  movePage,
  setGeom,
} from '#common/collab/board-ops.ts'
import { encodePoints } from '#common/collab/board-points.ts'
import { seeded } from '../../helpers/random.ts'

const style = { color: '#1d4ed8', width: 4 }
const page = defaultPageId('board-1')

/** Delivers every update of every doc to every other doc, in a seeded random order. */
function syncAll(docs: Y.Doc[], rnd: () => number): void {
  const updates = docs.map((d) => Y.encodeStateAsUpdate(d))
  for (const target of docs) {
    const order = updates.map((u) => ({ u, k: rnd() })).sort((a, b) => a.k - b.k)
    for (const { u } of order) Y.applyUpdate(target, u)
  }
}

function stroke(doc: Y.Doc, by: string, origin: unknown, x: number): string {
  const pts = [0, 1, 2, 3, 4].map((i) => ({ x: x + i * 3, y: 100 + i * 2, p: 0.5 }))
  const a = encodePoints(pts.slice(0, 2), true)
  const id = addItem(doc, { kind: 'ink', page, by, style, pressure: true, first: a.bytes }, origin)
  appendInk(doc, id, encodePoints(pts.slice(2), true, a.cursor).bytes, origin)
  return id
}

describe('the boards document', () => {
  it('peers drawing concurrently end with identical pages, whatever the delivery order', () => {
    const rnd = seeded(7)
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
    for (let round = 0; round < 5; round++) {
      docs.forEach((d, i) => {
        stroke(d, `p${i}`, 'me', 100 * i + round)
        addItem(d, { kind: 'rect', page, by: `p${i}`, style, geom: { x: i, y: round, w: 20, h: 10 } }, 'me')
      })
      syncAll(docs, rnd)
    }
    const hashes = docs.map((d) => pageContentHash(d, page))
    expect(new Set(hashes).size).toBe(1)
    expect(pageItems(docs[0]!, page)).toHaveLength(30)
    const ink = pageItems(docs[1]!, page).find((i) => i.kind === 'ink')!
    expect(inkPoints(itemsOf(docs[1]!).get(ink.id)!, true)).toHaveLength(5)
  })

  it("one person's undo removes only their own strokes, never another's", () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const undoA = new Y.UndoManager([itemsOf(a), a.getMap('pages')], { trackedOrigins: new Set(['a']) })
    const mine = stroke(a, 'a', 'a', 10)
    syncAll([a, b], seeded(1))
    const theirs = stroke(b, 'b', 'b', 300)
    syncAll([a, b], seeded(2))
    // A erases B's stroke, then changes their mind: undo brings it back; more undos remove A's own.
    undoA.stopCapturing()
    eraseItems(a, [theirs], 'a')
    undoA.undo()
    expect(itemsOf(a).has(theirs)).toBe(true)
    undoA.undo()
    undoA.undo()
    syncAll([a, b], seeded(3))
    for (const d of [a, b]) {
      expect(itemsOf(d).has(mine)).toBe(false)
      expect(itemsOf(d).has(theirs)).toBe(true)
    }
    undoA.redo()
    syncAll([a, b], seeded(4))
    expect(itemsOf(b).has(mine)).toBe(true)
  })

  it('pages are added, reordered and deleted with their items; clear page empties one page', () => {
    const d = new Y.Doc()
    stroke(d, 'a', 'a', 10)
    expect(boardPages(d, 'board-1').map((p) => p.id)).toEqual([page])
    const second = addPage(d, 'board-1', { bg: { kind: 'grid', spacing: 40 } }, 'a')
    const third = addPage(d, 'board-1', {}, 'a')
    movePage(d, 'board-1', third, 0, 'a')
    expect(boardPages(d, 'board-1').map((p) => p.id)).toEqual([third, page, second])
    addItem(d, { kind: 'note', page: second, by: 'a', style, geom: { x: 0, y: 0, w: 100, h: 100 }, text: '你好' }, 'a')
    clearPage(d, page, 'a')
    expect(pageItems(d, page)).toHaveLength(0)
    expect(pageItems(d, second)).toHaveLength(1)
    deletePage(d, second, 'a')
    expect(boardPages(d, 'board-1').map((p) => p.id)).toEqual([third, page])
    expect(itemsOf(d).size).toBe(0)
  })

  it('moves and resizes shapes; a malformed item from a peer is skipped, not drawn', () => {
    const d = new Y.Doc()
    const id = addItem(d, { kind: 'ellipse', page, by: 'a', style, geom: { x: 0, y: 0, w: 10, h: 10 } }, 'a')
    setGeom(d, id, { x: 50, y: 60, w: 30, h: 40 }, 'a')
    const bad = new Y.Map<unknown>()
    bad.set('page', page)
    bad.set('kind', 'rect')
    bad.set('geom', { x: 'nope' })
    itemsOf(d).set('bad', bad)
    expect(pageItems(d, page)).toEqual([expect.objectContaining({ id, geom: { x: 50, y: 60, w: 30, h: 40 } })])
  })
})
