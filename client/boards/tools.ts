/**
 * Pointer input on a page, the same for the 2D view (mouse, touch, pen), the 3D room (raycast)
 * and a headset (controller trigger, hand pinch): `down`, `move` and `up` in page units. Each
 * gesture is one undo step. Ink is sent in chunks while drawing, so others see it grow live.
 */
import { encodePoints, type InkPoint, type PointCursor } from '#common/collab/board-points.ts'
import { addItem, appendInk, eraseItems, setGeom } from '#common/collab/board-ops.ts'
import type { Box, BoardItem, Segment } from '#common/collab/board-schema.ts'
import { boardStore, canDraw, currentPage } from './board-store.ts'
import type { BoardSession } from './board-session.ts'
import type { Bounds } from './ink-path.ts'

/** Ink is sent at most this often while drawing (ms). */
const INK_SEND_MS = 25
/** The eraser tests the way between two pointer events at this spacing (page units). */
const ERASE_STEP = 6

type Gesture =
  | { kind: 'ink'; id: string; pending: InkPoint[]; cursor: PointCursor; pressure: boolean; sentAt: number }
  | { kind: 'shape'; id: string; x0: number; y0: number; segment: boolean }
  | { kind: 'erase'; x: number; y: number }
  | { kind: 'move'; id: string; from: Box | Segment; x0: number; y0: number; resize: boolean }
  | { kind: 'laser' }

const near = (x: number, y: number, r: number): Bounds => ({ x0: x - r, y0: y - r, x1: x + r, y1: y + r })

export class PointerTool {
  private gesture: Gesture | undefined

  constructor(private readonly session: BoardSession) {}

  get active(): boolean {
    return this.gesture !== undefined
  }

  /** `pressure` only from a pen (mouse and touch report a constant). */
  down(board: string, x: number, y: number, pressure: number | undefined, now = performance.now()): void {
    const s = boardStore.getState()
    const page = currentPage(s, board)
    const doc = this.session.doc
    if (!page || !doc) return
    if (s.tool === 'laser') {
      this.gesture = { kind: 'laser' }
      this.session.setCursor({ page: page.id, x, y, laser: true })
      return
    }
    if (!canDraw(s)) return
    const by = this.session.origin.identity
    const origin = this.session.origin
    const z = (this.session.renderers.get(board)?.topZ() ?? 0) + 1
    const style = { color: s.color, width: s.width }
    this.session.undo?.stopCapturing()
    switch (s.tool) {
      case 'pen':
      case 'highlighter': {
        const withPressure = pressure !== undefined
        const kind = s.tool === 'pen' ? 'ink' : 'highlighter'
        const width = s.tool === 'pen' ? s.width : s.width * 4
        const first = encodePoints([{ x, y, p: pressure }], withPressure)
        const id = addItem(
          doc,
          { kind, page: page.id, by, z, style: { ...style, width }, pressure: withPressure, first: first.bytes },
          origin,
        )
        this.gesture = { kind: 'ink', id, pending: [], cursor: first.cursor, pressure: withPressure, sentAt: now }
        return
      }
      case 'line':
      case 'arrow': {
        const id = addItem(
          doc,
          { kind: s.tool, page: page.id, by, z, style, geom: { x1: x, y1: y, x2: x, y2: y } },
          origin,
        )
        this.gesture = { kind: 'shape', id, x0: x, y0: y, segment: true }
        return
      }
      case 'rect':
      case 'ellipse': {
        const id = addItem(doc, { kind: s.tool, page: page.id, by, z, style, geom: { x, y, w: 0, h: 0 } }, origin)
        this.gesture = { kind: 'shape', id, x0: x, y0: y, segment: false }
        return
      }
      case 'text':
      case 'note': {
        const text = s.text.trim()
        if (!text) return
        const note = s.tool === 'note'
        const geom = { x, y, w: note ? 240 : 480, h: note ? 200 : 80 }
        addItem(doc, { kind: s.tool, page: page.id, by, z, style: { ...style, width: 28 }, geom, text }, origin)
        return
      }
      case 'eraser':
        this.gesture = { kind: 'erase', x, y }
        return this.eraseAt(board, x, y)
      case 'select':
        return this.pick(board, x, y)
    }
  }

  private pick(board: string, x: number, y: number): void {
    const r = this.session.renderers.get(board)
    const hit = r?.hitCandidates(near(x, y, 6)).find((c) => 'geom' in c.item)
    this.session.select(hit?.id)
    if (!hit) return
    const item = hit.item as Extract<BoardItem, { geom: unknown }>
    const g = item.geom
    const resize = 'w' in g && Math.abs(x - (g.x + g.w)) < 24 && Math.abs(y - (g.y + g.h)) < 24
    this.gesture = { kind: 'move', id: item.id, from: g, x0: x, y0: y, resize }
  }

  private eraseAt(board: string, x: number, y: number): void {
    const r = this.session.renderers.get(board)
    const hits = r?.hitCandidates(near(x, y, 8)) ?? []
    if (hits.length > 0 && this.session.doc) eraseItems(this.session.doc, [hits[0]!.id], this.session.origin)
  }

  move(board: string, x: number, y: number, pressure: number | undefined, now = performance.now()): void {
    const g = this.gesture
    const doc = this.session.doc
    const page = currentPage(boardStore.getState(), board)
    if (!doc || !page) return
    if (!g) {
      if (boardStore.getState().tool === 'laser') this.session.setCursor({ page: page.id, x, y, laser: false })
      return
    }
    const origin = this.session.origin
    switch (g.kind) {
      case 'ink':
        g.pending.push({ x, y, p: pressure })
        if (now - g.sentAt >= INK_SEND_MS) this.sendInk(g, now)
        return
      case 'shape': {
        const geom = g.segment
          ? { x1: g.x0, y1: g.y0, x2: x, y2: y }
          : { x: Math.min(g.x0, x), y: Math.min(g.y0, y), w: Math.abs(x - g.x0), h: Math.abs(y - g.y0) }
        return setGeom(doc, g.id, geom, origin)
      }
      case 'erase': {
        // Along the whole way since the last event: a fast swipe must not skip a thin stroke.
        const steps = Math.max(1, Math.ceil(Math.hypot(x - g.x, y - g.y) / ERASE_STEP))
        for (let i = 1; i <= steps; i++)
          this.eraseAt(board, g.x + ((x - g.x) * i) / steps, g.y + ((y - g.y) * i) / steps)
        g.x = x
        g.y = y
        return
      }
      case 'move': {
        const dx = x - g.x0
        const dy = y - g.y0
        const f = g.from
        const geom =
          'x1' in f
            ? { x1: f.x1 + dx, y1: f.y1 + dy, x2: f.x2 + dx, y2: f.y2 + dy }
            : g.resize
              ? { ...f, w: Math.max(8, f.w + dx), h: Math.max(8, f.h + dy) }
              : { ...f, x: f.x + dx, y: f.y + dy }
        return setGeom(doc, g.id, geom, origin)
      }
      case 'laser':
        return this.session.setCursor({ page: page.id, x, y, laser: true })
    }
  }

  private sendInk(g: Extract<Gesture, { kind: 'ink' }>, now: number): void {
    if (g.pending.length === 0 || !this.session.doc) return
    const chunk = encodePoints(g.pending, g.pressure, g.cursor)
    appendInk(this.session.doc, g.id, chunk.bytes, this.session.origin)
    g.cursor = chunk.cursor
    g.pending = []
    g.sentAt = now
  }

  up(): void {
    const g = this.gesture
    this.gesture = undefined
    if (g?.kind === 'ink') this.sendInk(g, performance.now())
    if (g?.kind === 'laser') this.session.setCursor(undefined)
    this.session.undo?.stopCapturing()
  }
}
