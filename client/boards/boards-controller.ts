/**
 * The boards of the current session and the actions the UI calls (toolbar, keyboard). One
 * instance at a time, started when someone joins and stopped when they leave.
 */
import {
  addItem,
  addPage,
  clearPage,
  deletePage,
  eraseItems,
  movePage,
  setGeom,
  setText,
} from '#common/collab/board-ops.ts'
import { itemsOf, pageContentHash, pageItems, readItem } from '#common/collab/board-doc.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import { BoardSession, type BoardsHost } from './board-session.ts'
import { boardStore, currentPage } from './board-store.ts'
import { PointerTool } from './tools.ts'
import { downloadExport, exportBoardPdf, savePagePng, uploadImage, uploadSlides } from './board-api.ts'
import { nudged, stepSelection } from './selection.ts'
import { boardTexture, textureUploads } from './board-texture.ts'
import { textureDiffersFromCanvas } from './texture-readback.ts'
import { surfaceScreenPoint } from './board-surfaces.ts'

let session: BoardSession | undefined
let tool: PointerTool | undefined

export function startBoards(host: BoardsHost, boards: string[]): void {
  stopBoards()
  session = new BoardSession(host, boards)
  tool = new PointerTool(session)
}

export function stopBoards(): void {
  session?.destroy()
  session = undefined
  tool = undefined
}

export const currentBoards = (): BoardSession | undefined => session
export const currentTool = (): PointerTool | undefined => tool

const withDoc = (fn: (s: BoardSession, doc: NonNullable<BoardSession['doc']>) => void) => {
  if (session?.doc) {
    session.undo?.stopCapturing()
    fn(session, session.doc)
    session.undo?.stopCapturing()
  }
}

function goToPage(board: string, index: number): void {
  const s = boardStore.getState()
  const pages = s.pages[board] ?? []
  const page = pages[Math.max(0, Math.min(index, pages.length - 1))]
  if (page) boardStore.setState({ board, pageOf: { ...s.pageOf, [board]: page.id } })
}

/** The selected item as it is in the document now. */
function selectedItem() {
  const id = boardStore.getState().selection?.id
  const map = id && session?.doc ? itemsOf(session.doc).get(id) : undefined
  return id && map ? readItem(id, map) : undefined
}

/** Largest share of the page a new picture covers at first. */
const IMAGE_SHARE = 0.4

function pageIndex(): number {
  const s = boardStore.getState()
  return (s.pages[s.board] ?? []).findIndex((p) => p.id === currentPage(s)?.id)
}

export const boardActions = {
  undo: () => session?.undo?.undo(),
  redo: () => session?.undo?.redo(),
  nextPage: () => goToPage(boardStore.getState().board, pageIndex() + 1),
  prevPage: () => goToPage(boardStore.getState().board, pageIndex() - 1),
  selectBoard: (board: string) => boardStore.setState({ board }),
  addPage: () =>
    withDoc((s, doc) => {
      const board = boardStore.getState().board
      const id = addPage(doc, board, { index: pageIndex() + 1 }, s.origin)
      boardStore.setState((st) => ({ pageOf: { ...st.pageOf, [board]: id } }))
    }),
  deletePage: () => withDoc((s, doc) => deletePage(doc, currentPage(boardStore.getState())!.id, s.origin)),
  movePage: (delta: number) =>
    withDoc((s, doc) => {
      const st = boardStore.getState()
      movePage(doc, st.board, currentPage(st)!.id, pageIndex() + delta, s.origin)
    }),
  clearPage: () => withDoc((s, doc) => clearPage(doc, currentPage(boardStore.getState())!.id, s.origin)),
  /** Selects the next (1) or previous (-1) movable item of the page. */
  selectStep: (step: 1 | -1) => {
    const page = currentPage(boardStore.getState())
    if (!session?.doc || !page) return
    session.select(stepSelection(pageItems(session.doc, page.id), boardStore.getState().selection?.id, step))
  },
  deselect: () => session?.select(undefined),
  /** Moves (or resizes) the selected item by (dx, dy) page units: one undo step. */
  nudgeSelected: (dx: number, dy: number, resize: boolean) =>
    withDoc((s, doc) => {
      const item = selectedItem()
      if (item && 'geom' in item) setGeom(doc, item.id, nudged(item.geom, dx, dy, resize), s.origin)
    }),
  eraseSelected: () =>
    withDoc((s, doc) => {
      const item = selectedItem()
      if (item) eraseItems(doc, [item.id], s.origin)
      s.select(undefined)
    }),
  /** Replaces the selected text or note's text; the editor makes one undo step of a whole edit. */
  setSelectedText: (text: string) => {
    const item = selectedItem()
    if (session?.doc && item && 'text' in item) setText(session.doc, item.id, text, session.origin)
  },
  /** Starts or ends one undo step (an edit of the selected text). */
  stopCapturing: () => session?.undo?.stopCapturing(),
  /** Uploads a picture and places it in the middle of the page, selected, so keys can move it. */
  async addImage(file: Blob): Promise<void> {
    if (!session) return
    const { host } = session
    try {
      const img = await uploadImage(host.sessionId, host.token(), file)
      const st = boardStore.getState()
      const page = currentPage(st)
      if (!page || !session.doc) return
      const [pw, ph] = page.size
      const k = Math.min(1, (pw * IMAGE_SHARE) / img.width, (ph * IMAGE_SHARE) / img.height)
      const [w, h] = [img.width * k, img.height * k]
      const z = (session.renderers.get(st.board)?.topZ() ?? 0) + 1
      let id = ''
      withDoc((s, doc) => {
        const geom = { x: (pw - w) / 2, y: (ph - h) / 2, w, h }
        id = addItem(doc, { kind: 'image', page: page.id, by: s.origin.identity, z, geom, asset: img.asset }, s.origin)
      })
      session.select(id)
      boardStore.setState({ notice: { kind: 'imageAdded' } })
    } catch (err) {
      boardStore.setState({ notice: { kind: 'imageFailed', message: (err as Error).message } })
    }
  },
  setLocked: (locked: boolean) => session?.host.control.getMap(ControlDoc.locks).set('boards', locked),
  async uploadSlides(file: Blob): Promise<void> {
    if (!session) return
    const { host } = session
    try {
      const res = await uploadSlides(host.sessionId, host.token(), boardStore.getState().board, file)
      boardStore.setState({ notice: { kind: 'uploaded', pages: res.pages } })
      const board = boardStore.getState().board
      if (res.pageIds[0]) boardStore.setState((st) => ({ pageOf: { ...st.pageOf, [board]: res.pageIds[0]! } }))
    } catch (err) {
      boardStore.setState({ notice: { kind: 'uploadFailed', message: (err as Error).message } })
    }
  },
  async exportPdf(): Promise<void> {
    if (!session) return
    const { host } = session
    try {
      const e = await exportBoardPdf(host.sessionId, host.token(), boardStore.getState().board)
      await downloadExport(host.sessionId, host.token(), e)
      boardStore.setState({ notice: { kind: 'exported', format: 'pdf' } })
    } catch (err) {
      boardStore.setState({ notice: { kind: 'exportFailed', message: (err as Error).message } })
    }
  },
  async exportPng(): Promise<void> {
    const st = boardStore.getState()
    const r = session?.renderers.get(st.board)
    const page = currentPage(st)
    if (!session || !r || !page) return
    const { host } = session
    try {
      r.invalidateAll()
      r.flush()
      const png = await new Promise<Blob>((ok, fail) =>
        r.canvas.toBlob((b) => (b ? ok(b) : fail(new Error('no image'))), 'image/png'),
      )
      const e = await savePagePng(host.sessionId, host.token(), st.board, page.id, png)
      await downloadExport(host.sessionId, host.token(), e)
      boardStore.setState({ notice: { kind: 'exported', format: 'png' } })
    } catch (err) {
      boardStore.setState({ notice: { kind: 'exportFailed', message: (err as Error).message } })
    }
  },
}

/** What tests and support read through `window.atrium.boards()`. */
export function boardsDebug() {
  const st = boardStore.getState()
  const r = session?.renderers.get(st.board)
  const page = currentPage(st)
  const doc = session?.doc
  return {
    board: st.board,
    page: page?.id ?? '',
    pageIndex: pageIndex(),
    pageCount: (st.pages[st.board] ?? []).length,
    background: page?.bg.kind ?? 'blank',
    locked: st.locked,
    items:
      doc && page
        ? pageItems(doc, page.id).map((i) => ({
            id: i.id,
            kind: i.kind,
            by: i.by,
            geom: 'geom' in i ? i.geom : undefined,
            text: 'text' in i ? i.text : undefined,
          }))
        : [],
    selection: st.selection?.id,
    contentHash: doc && page ? pageContentHash(doc, page.id) : '',
    pixels: () => r?.pixelHash() ?? { hash: '', inked: 0 },
    stats: r ? { ...r.stats } : undefined,
    version: r?.version ?? 0,
    /** Where page point (x, y) of this board is in the window, on its 3D surface (if in view). */
    screenPoint: (x: number, y: number) => (page ? surfaceScreenPoint(st.board, page.size, x, y) : undefined),
    /** Uploads of the 3D board's texture so far. */
    textureUploads: () => {
      const u = r && textureUploads(r)
      return u ? { ...u } : undefined
    },
    /** Pixels of the 3D board's texture on the GPU that differ from the page (-1: not there yet). */
    textureDiffering: () => {
      const t = r && boardTexture(r)
      return r && t?.gl ? textureDiffersFromCanvas(t.gl, t.texture, r.canvas) : -1
    },
  }
}
