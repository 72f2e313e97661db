import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardPages, defaultPageId, inkPoints, itemsOf, pageItems } from '#common/collab/board-doc.ts'
import { addItem, addPage } from '#common/collab/board-ops.ts'
import { encodePoints } from '#common/collab/board-points.ts'
import { copyGroupBoards } from '#common/collab/board-copy.ts'

const style = { color: '#1d4ed8', width: 4 }
const board = 'front'
const first = defaultPageId(board)

function groupBoard(strokes: number): Y.Doc {
  const doc = new Y.Doc()
  for (let i = 0; i < strokes; i++) {
    const pts = encodePoints(
      [
        { x: 10 * i, y: 5, p: 0.5 },
        { x: 10 * i + 3, y: 9, p: 0.7 },
      ],
      true,
    )
    addItem(doc, { kind: 'ink', page: first, by: `p${i}`, style, pressure: true, first: pts.bytes }, 'x')
  }
  addPage(doc, board, {}, 'x') // an empty page: not worth copying
  return doc
}

describe("a group's boards kept for the main room", () => {
  it('appends each written page after the main board, with its ink, and keeps the main first page first', () => {
    const main = new Y.Doc()
    expect(copyGroupBoards(main, groupBoard(2), 'g1', 'server')).toBe(1)
    expect(copyGroupBoards(main, groupBoard(1), 'g2', 'server')).toBe(1)
    const pages = boardPages(main, board)
    expect(pages.map((p) => p.id)).toEqual([first, `${first}@g1`, `${first}@g2`])
    expect(pageItems(main, first)).toHaveLength(0)
    const copied = pageItems(main, `${first}@g1`)
    expect(copied).toHaveLength(2)
    expect(inkPoints(itemsOf(main).get(copied[0]!.id)!, true)).toHaveLength(2)
  })

  it('calling back again replaces the earlier copy instead of adding a second', () => {
    const main = new Y.Doc()
    copyGroupBoards(main, groupBoard(2), 'g1', 'server')
    copyGroupBoards(main, groupBoard(3), 'g1', 'server')
    expect(boardPages(main, board)).toHaveLength(2)
    expect(pageItems(main, `${first}@g1`)).toHaveLength(3)
  })

  it('copies nothing from a group that wrote nothing', () => {
    const main = new Y.Doc()
    expect(copyGroupBoards(main, new Y.Doc(), 'g3', 'server')).toBe(0)
    expect(boardPages(main, board).map((p) => p.id)).toEqual([first])
  })
})
