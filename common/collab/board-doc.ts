/**
 * The boards document (`session/<sid>/boards`, a breakout group's `…/group/<gid>/boards`): its
 * layout and how to read it. Writes are in board-ops.ts. Spec: PROTOCOL.md, "boards".
 *
 * Two flat top-level maps, so that no two peers ever create the same nested type (a concurrent
 * `set` of one key keeps only one of the values, and everything inside the other would be lost):
 *   pages: Y.Map<pageId, Y.Map>  { board, order, size: [w, h], bg: Background }
 *   items: Y.Map<itemId, Y.Map>  { page, kind, by, z, style, … }
 *     ink, highlighter: pressure: boolean, pts: Y.Array<Uint8Array> (board-points.ts chunks)
 *     line, arrow: geom {x1, y1, x2, y2}; rect, ellipse: geom {x, y, w, h}
 *     text, note: geom, text: string; image: geom, asset: sha-256 of an uploaded file
 * A board is the set of pages naming it, ordered by (order, id). A board without pages shows one
 * page with a well-known id (`defaultPageId`) that the first writer creates.
 */
import * as Y from 'yjs'
import { decodePoints, type InkPoint } from './board-points.ts'
import { DEFAULT_PAGE_SIZE, boardItemSchema, boardPageSchema, type BoardItem, type BoardPage } from './board-schema.ts'

/** Top-level shared types of the boards document. */
export const BoardsDoc = {
  /** Y.Map<Y.Map>: pages by id. */
  pages: 'pages',
  /** Y.Map<Y.Map>: items of every page by id. */
  items: 'items',
} as const

/** The board id used when a scene has no boards (the 2D view still has one). */
export const DEFAULT_BOARD_ID = 'main'

/** The id of the page a board shows before anyone added one. */
export function defaultPageId(board: string): string {
  return `${board}:first`
}

export const pagesOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(BoardsDoc.pages)
export const itemsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(BoardsDoc.items)

/** Reads one page entry; `undefined` when it is malformed. */
export function readPage(id: string, map: Y.Map<unknown>): BoardPage | undefined {
  const r = boardPageSchema.safeParse({ ...map.toJSON(), id })
  return r.success ? r.data : undefined
}

/** The pages of a board in order; the default page when it has none yet. */
export function boardPages(doc: Y.Doc, board: string): BoardPage[] {
  const out: BoardPage[] = []
  for (const [id, map] of pagesOf(doc)) {
    if (map.get('board') !== board) continue
    const page = readPage(id, map)
    if (page) out.push(page)
  }
  if (out.length === 0) {
    return [{ id: defaultPageId(board), board, order: 0, size: [...DEFAULT_PAGE_SIZE], bg: { kind: 'blank' } }]
  }
  return out.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Reads one item entry (without ink points); `undefined` when it is malformed. */
export function readItem(id: string, map: Y.Map<unknown>): BoardItem | undefined {
  const fields: Record<string, unknown> = { id }
  for (const [k, v] of map) if (k !== 'pts') fields[k] = v
  const r = boardItemSchema.safeParse(fields)
  return r.success ? r.data : undefined
}

/** The encoded point chunks of an ink item. */
export function inkChunks(map: Y.Map<unknown>): Uint8Array[] {
  const pts = map.get('pts')
  if (!(pts instanceof Y.Array)) return []
  return pts.toArray().filter((c): c is Uint8Array => c instanceof Uint8Array)
}

/** The points of an ink item; `undefined` when its bytes are corrupt. */
export function inkPoints(map: Y.Map<unknown>, pressure: boolean): InkPoint[] | undefined {
  try {
    return decodePoints(inkChunks(map), pressure)
  } catch {
    return undefined
  }
}

/** Draw order: by z, then id, so every peer stacks items the same way. */
export function compareItems(a: { z: number; id: string }, b: { z: number; id: string }): number {
  return a.z - b.z || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** The readable items of a page in draw order. */
export function pageItems(doc: Y.Doc, page: string): BoardItem[] {
  const out: BoardItem[] = []
  for (const [id, map] of itemsOf(doc)) {
    if (map.get('page') !== page) continue
    const item = readItem(id, map)
    if (item) out.push(item)
  }
  return out.sort(compareItems)
}

/**
 * A hash of everything drawn on a page (items in draw order with their points, and the
 * background): two peers showing the same page content have the same hash.
 */
export function pageContentHash(doc: Y.Doc, page: string): string {
  const entry = pagesOf(doc).get(page)
  const parts: unknown[] = [entry ? entry.get('bg') : { kind: 'blank' }]
  for (const item of pageItems(doc, page)) {
    const map = itemsOf(doc).get(item.id)!
    const pts = item.kind === 'ink' || item.kind === 'highlighter' ? inkPoints(map, item.pressure) : undefined
    parts.push(item, pts)
  }
  return hashString(JSON.stringify(parts))
}

/** cyrb53: a fast 53-bit string hash, as 14 hex digits. Not cryptographic. */
export function hashString(s: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0')
}
