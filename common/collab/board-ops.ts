/**
 * Every change a client makes to the boards document, one transaction each, tagged with the
 * caller's `origin` so that a Y.UndoManager tracking only that origin undoes only this user's
 * own changes. Layout and reads: board-doc.ts. Spec: PROTOCOL.md, "boards".
 */
import * as Y from 'yjs'
import { itemsOf, pagesOf, boardPages, defaultPageId, readPage } from './board-doc.ts'
import { DEFAULT_PAGE_SIZE, type Background, type Box, type ItemStyle, type Segment } from './board-schema.ts'

const counters = new WeakMap<Y.Doc, number>()

/** A new item or page id, unique because Yjs client ids are. */
export function newBoardId(doc: Y.Doc): string {
  const n = counters.get(doc) ?? 0
  counters.set(doc, n + 1)
  return `${doc.clientID.toString(36)}.${n.toString(36)}`
}

/** A new page entry. */
export function pageMap(board: string, order: number, size: readonly [number, number], bg: Background): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('board', board)
  map.set('order', order)
  map.set('size', [...size])
  map.set('bg', bg)
  return map
}

/** Creates the page entry of `page` when it is a board's implicit default page. */
export function ensurePageEntry(doc: Y.Doc, page: string): void {
  const pages = pagesOf(doc)
  if (pages.has(page) || !page.endsWith(':first')) return
  const board = page.slice(0, -':first'.length)
  if (defaultPageId(board) === page) pages.set(page, pageMap(board, 0, DEFAULT_PAGE_SIZE, { kind: 'blank' }))
}

/** The next z on a page (one above its top item). */
export function nextZ(doc: Y.Doc, page: string): number {
  let max = 0
  for (const map of itemsOf(doc).values()) {
    if (map.get('page') !== page) continue
    const z = map.get('z')
    if (typeof z === 'number' && z > max) max = z
  }
  return max + 1
}

/** Adds a page to a board at `index` (default: the end); returns its id. */
export function addPage(
  doc: Y.Doc,
  board: string,
  opts: { bg?: Background; size?: readonly [number, number]; index?: number; replaceDefault?: boolean },
  origin: unknown,
): string {
  const id = newBoardId(doc)
  doc.transact(() => {
    // The implicit first page becomes a real one, unless the caller replaces it (slides do).
    const existing = pagesOf(doc).has(defaultPageId(board)) || !opts.replaceDefault ? boardPages(doc, board) : []
    for (const p of existing) ensurePageEntry(doc, p.id)
    pagesOf(doc).set(
      id,
      pageMap(
        board,
        orderAt(existing, opts.index ?? existing.length),
        opts.size ?? DEFAULT_PAGE_SIZE,
        opts.bg ?? { kind: 'blank' },
      ),
    )
  }, origin)
  return id
}

/** An order value that puts a page at `index` among `pages` (sorted). */
function orderAt(pages: readonly { order: number }[], index: number): number {
  const before = pages[index - 1]?.order
  const after = pages[index]?.order
  if (before === undefined && after === undefined) return 0
  if (before === undefined) return after! - 1
  if (after === undefined) return before + 1
  return (before + after) / 2
}

/** Moves a page of a board to `index` among the others. */
export function movePage(doc: Y.Doc, board: string, page: string, index: number, origin: unknown): void {
  doc.transact(() => {
    const others = boardPages(doc, board).filter((p) => p.id !== page)
    ensurePageEntry(doc, page)
    pagesOf(doc)
      .get(page)
      ?.set('order', orderAt(others, Math.max(0, Math.min(index, others.length))))
  }, origin)
}

/** Deletes a page and everything on it. */
export function deletePage(doc: Y.Doc, page: string, origin: unknown): void {
  doc.transact(() => {
    clearItems(doc, page)
    pagesOf(doc).delete(page)
  }, origin)
}

/** Sets a page's background (and size, e.g. a slide's aspect). */
export function setBackground(
  doc: Y.Doc,
  page: string,
  bg: Background,
  origin: unknown,
  size?: readonly [number, number],
): void {
  doc.transact(() => {
    ensurePageEntry(doc, page)
    const map = pagesOf(doc).get(page)
    if (!map || !readPage(page, map)) return
    map.set('bg', bg)
    if (size) map.set('size', [...size])
  }, origin)
}

interface NewItemBase {
  page: string
  by: string
  z?: number
}
/** An item to add: everything but id and z (and the points of ink, added with `appendInk`). */
export type NewItem =
  | (NewItemBase & { kind: 'ink' | 'highlighter'; style: ItemStyle; pressure: boolean; first?: Uint8Array })
  | (NewItemBase & { kind: 'line' | 'arrow'; style: ItemStyle; geom: Segment })
  | (NewItemBase & { kind: 'rect' | 'ellipse'; style: ItemStyle; geom: Box })
  | (NewItemBase & { kind: 'text' | 'note'; style: ItemStyle; geom: Box; text: string })
  | (NewItemBase & { kind: 'image'; geom: Box; asset: string })

/** Adds an item; returns its id. Ink starts with the chunk `first` when given. */
export function addItem(doc: Y.Doc, item: NewItem, origin: unknown): string {
  const id = newBoardId(doc)
  doc.transact(() => {
    ensurePageEntry(doc, item.page)
    const map = new Y.Map<unknown>()
    const { first, ...fields } = item as NewItem & { first?: Uint8Array }
    for (const [k, v] of Object.entries(fields)) map.set(k, v)
    map.set('z', item.z ?? nextZ(doc, item.page))
    if (item.kind === 'ink' || item.kind === 'highlighter') {
      const pts = new Y.Array<Uint8Array>()
      if (first && first.byteLength > 0) pts.push([first])
      map.set('pts', pts)
    }
    itemsOf(doc).set(id, map)
  }, origin)
  return id
}

/** Appends a chunk of encoded points to an ink item. */
export function appendInk(doc: Y.Doc, id: string, chunk: Uint8Array, origin: unknown): void {
  const pts = itemsOf(doc).get(id)?.get('pts')
  if (!(pts instanceof Y.Array) || chunk.byteLength === 0) return
  doc.transact(() => pts.push([chunk]), origin)
}

/** Moves or resizes a shape, text, note or image. */
export function setGeom(doc: Y.Doc, id: string, geom: Box | Segment, origin: unknown): void {
  const map = itemsOf(doc).get(id)
  if (!map || !map.has('geom')) return
  doc.transact(() => map.set('geom', geom), origin)
}

/** Replaces the text of a text item or note. */
export function setText(doc: Y.Doc, id: string, text: string, origin: unknown): void {
  const map = itemsOf(doc).get(id)
  if (!map || typeof map.get('text') !== 'string') return
  doc.transact(() => map.set('text', text), origin)
}

/** Erases whole items. */
export function eraseItems(doc: Y.Doc, ids: readonly string[], origin: unknown): void {
  doc.transact(() => {
    for (const id of ids) itemsOf(doc).delete(id)
  }, origin)
}

function clearItems(doc: Y.Doc, page: string): void {
  const items = itemsOf(doc)
  for (const [id, map] of [...items]) if (map.get('page') === page) items.delete(id)
}

/** Removes every item of a page (the teacher's "clear page"). */
export function clearPage(doc: Y.Doc, page: string, origin: unknown): void {
  doc.transact(() => clearItems(doc, page), origin)
}
