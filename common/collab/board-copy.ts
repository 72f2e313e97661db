/**
 * Copies a breakout group's boards into the main room's boards document when everyone is called
 * back: each page the group wrote on becomes a new page at the end of the same board, with its
 * items. Copies have ids derived from the group (`<page>@<group>`), so calling back again replaces
 * the earlier copy instead of adding a second one.
 */
import * as Y from 'yjs'
import { boardPages, defaultPageId, itemsOf, pagesOf } from './board-doc.ts'
import { ensurePageEntry, pageMap } from './board-ops.ts'

const copiedId = (id: string, group: string) => `${id}@${group}`

/** Copies `group`'s written pages from `source` into `target` (one transaction); returns how many. */
export function copyGroupBoards(target: Y.Doc, source: Y.Doc, group: string, origin: unknown): number {
  const suffix = `@${group}`
  const written = new Set<string>()
  for (const item of itemsOf(source).values()) {
    const page = item.get('page')
    if (typeof page === 'string') written.add(page)
  }
  const boards = new Set<string>()
  for (const map of pagesOf(source).values()) {
    const board = map.get('board')
    if (typeof board === 'string') boards.add(board)
  }
  let copied = 0
  target.transact(() => {
    removeCopies(target, suffix)
    for (const board of boards) {
      keepDefaultPage(target, board)
      let order = Math.max(0, ...boardPages(target, board).map((p) => p.order)) + 1
      for (const page of boardPages(source, board)) {
        if (!written.has(page.id) && page.bg.kind === 'blank') continue
        const id = copiedId(page.id, group)
        if (id.length > 80) continue
        pagesOf(target).set(id, pageMap(board, order++, page.size, page.bg))
        copyItems(target, source, page.id, id, group)
        copied++
      }
    }
  }, origin)
  return copied
}

/** A board without page entries shows a synthesized first page; it must stay first once copies arrive. */
function keepDefaultPage(target: Y.Doc, board: string): void {
  if ([...pagesOf(target).values()].some((m) => m.get('board') === board)) return
  ensurePageEntry(target, defaultPageId(board))
}

function copyItems(target: Y.Doc, source: Y.Doc, fromPage: string, toPage: string, group: string): void {
  for (const [id, item] of itemsOf(source)) {
    if (item.get('page') !== fromPage) continue
    const copy = new Y.Map<unknown>()
    for (const [key, value] of item) {
      if (key === 'page') copy.set(key, toPage)
      else if (value instanceof Y.Array) {
        const list = new Y.Array<unknown>()
        list.push(value.toArray())
        copy.set(key, list)
      } else if (!(value instanceof Y.AbstractType)) copy.set(key, value)
    }
    itemsOf(target).set(copiedId(id, group), copy)
  }
}

function removeCopies(target: Y.Doc, suffix: string): void {
  const pages = pagesOf(target)
  const gone = new Set([...pages.keys()].filter((id) => id.endsWith(suffix)))
  for (const id of gone) pages.delete(id)
  const items = itemsOf(target)
  for (const [id, item] of [...items]) {
    const page = item.get('page')
    if (id.endsWith(suffix) || (typeof page === 'string' && gone.has(page))) items.delete(id)
  }
}
