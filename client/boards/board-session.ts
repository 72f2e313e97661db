/**
 * The boards of one joined session: follows the boards Y.Doc (replaced after a refused write),
 * owns this user's undo manager (tracking only this user's origin, so undo never touches anyone
 * else's work), one PageRenderer per board, the awareness of the boards document (view, cursor,
 * laser) and "follow the teacher". No React: the UI reads boardStore and calls these methods.
 */
import * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { boardPages, itemsOf, pagesOf, readItem } from '#common/collab/board-doc.ts'
import { boardPresenceSchema, type BoardPresence } from '#common/collab/board-presence.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import { isModerator, type Role } from '#common/roles.ts'
import { BoardAssets } from './assets.ts'
import { boardStore, currentPage } from './board-store.ts'
import { PageRenderer } from './page-renderer.ts'

/** What the session gives the boards (the collab manager's face, without importing net/ here). */
export interface BoardsHost {
  watch(kind: 'boards', fn: (doc: Y.Doc) => void): () => void
  awareness(kind: 'boards'): Awareness | undefined
  control: Y.Doc
  identity: string
  role: Role
  sessionId: string
  token(): string
}

export class BoardSession {
  doc: Y.Doc | undefined
  undo: Y.UndoManager | undefined
  /** The origin of every change this user makes; the undo manager tracks only it. */
  readonly origin: { identity: string }
  readonly renderers = new Map<string, PageRenderer>()
  readonly assets: BoardAssets
  /** Others' cursors on boards, by awareness client id (read in the frame loop, never React state). */
  readonly cursors = new Map<number, NonNullable<BoardPresence['cursor']> & { name: string }>()
  private readonly stops: (() => void)[] = []
  private unbindDoc: (() => void) | undefined
  private frame = 0

  constructor(
    readonly host: BoardsHost,
    boards: string[],
  ) {
    this.origin = { identity: host.identity }
    this.assets = new BoardAssets(
      (sha) => `/api/sessions/${host.sessionId}/boards/assets/${sha}`,
      host.token,
      () => this.renderers.forEach((r) => r.invalidateAll()),
    )
    for (const b of boards) this.renderers.set(b, new PageRenderer(this.assets))
    boardStore.setState({
      boards,
      board: boards[0]!,
      moderator: isModerator(host.role),
      participates: host.role !== 'room' && host.role !== 'observer',
      follow: !isModerator(host.role),
    })
    this.stops.push(host.watch('boards', (doc) => this.bind(doc)))
    const locks = host.control.getMap(ControlDoc.locks)
    const onLocks = () => boardStore.setState({ locked: locks.get('boards') === true })
    locks.observe(onLocks)
    onLocks()
    this.stops.push(() => locks.unobserve(onLocks))
    this.stops.push(boardStore.subscribe((s, prev) => this.onStore(s, prev)))
    this.loop()
  }

  private bind(doc: Y.Doc): void {
    this.unbindDoc?.()
    const first = this.doc === undefined
    this.doc = doc
    const items = itemsOf(doc)
    const pages = pagesOf(doc)
    this.undo = new Y.UndoManager([items, pages], {
      trackedOrigins: new Set([this.origin]),
      // Every action calls stopCapturing() when it starts, so a long stroke stays one undo step.
      captureTimeout: 24 * 3600 * 1000,
    })
    const onStack = () => boardStore.setState({ canUndo: this.undo!.canUndo(), canRedo: this.undo!.canRedo() })
    this.undo.on('stack-item-added', onStack)
    this.undo.on('stack-item-popped', onStack)
    this.undo.on('stack-cleared', onStack)
    const onItems = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const ids = new Set<string>()
      for (const e of events) {
        if (e.target === items) for (const k of (e as Y.YMapEvent<unknown>).keysChanged) ids.add(k)
        else if (typeof e.path[0] === 'string') ids.add(e.path[0])
      }
      for (const r of this.renderers.values()) r.itemsChanged(ids)
      const selected = boardStore.getState().selection?.id
      if (selected && ids.has(selected)) this.select(selected)
    }
    const onPages = () => this.refreshPages()
    items.observeDeep(onItems)
    pages.observeDeep(onPages)
    const awareness = this.host.awareness('boards')
    const onAwareness = () => this.readAwareness()
    awareness?.on('change', onAwareness)
    this.unbindDoc = () => {
      items.unobserveDeep(onItems)
      pages.unobserveDeep(onPages)
      awareness?.off('change', onAwareness)
      this.undo?.destroy()
    }
    this.refreshPages(true)
    onStack()
    this.publishView()
    if (!first) boardStore.setState({ notice: { kind: 'refused' } })
  }

  private refreshPages(rebuild = false): void {
    const doc = this.doc!
    const s = boardStore.getState()
    const pages: Record<string, ReturnType<typeof boardPages>> = {}
    for (const b of s.boards) pages[b] = boardPages(doc, b)
    boardStore.setState({ pages })
    for (const [b, r] of this.renderers) {
      const page = currentPage(boardStore.getState(), b)!
      if (rebuild || r.page?.id !== page.id) r.show(doc, page)
      else r.pageChanged()
    }
  }

  /** Selects an item of the page in front (re-read from the document), or nothing. */
  select(id: string | undefined): void {
    const map = id === undefined ? undefined : this.doc && itemsOf(this.doc).get(id)
    const item = id !== undefined && map ? readItem(id, map) : undefined
    const page = currentPage(boardStore.getState())
    const selection =
      item && item.page === page?.id
        ? { id: item.id, kind: item.kind, text: 'text' in item ? item.text : undefined }
        : undefined
    const was = boardStore.getState().selection
    if (was?.id !== selection?.id || was?.text !== selection?.text || was?.kind !== selection?.kind) {
      boardStore.setState({ selection })
    }
  }

  private onStore(s: ReturnType<typeof boardStore.getState>, prev: typeof s): void {
    if (s.pageOf !== prev.pageOf || s.board !== prev.board) {
      if (s.selection) this.select(undefined)
      if (this.doc) this.refreshPages()
      this.publishView()
    }
    if (s.follow && !prev.follow) this.readAwareness()
  }

  private publishView(): void {
    const s = boardStore.getState()
    const page = currentPage(s)
    if (page) this.host.awareness('boards')?.setLocalStateField('view', { board: s.board, page: page.id })
  }

  /** Publishes this user's pointer on a page (undefined: off the board). */
  setCursor(cursor: BoardPresence['cursor']): void {
    this.host.awareness('boards')?.setLocalStateField('cursor', cursor ?? null)
  }

  private readAwareness(): void {
    const awareness = this.host.awareness('boards')
    if (!awareness) return
    this.cursors.clear()
    let teacherView: BoardPresence['view']
    for (const [clientId, raw] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue
      const st = boardPresenceSchema.safeParse({ ...raw, cursor: raw.cursor ?? undefined })
      if (!st.success) continue
      if (st.data.cursor) this.cursors.set(clientId, { ...st.data.cursor, name: st.data.user.name })
      if (st.data.user.role === 'teacher' && st.data.view) teacherView = st.data.view
    }
    const s = boardStore.getState()
    if (s.follow && !s.moderator && teacherView && s.boards.includes(teacherView.board)) {
      const { board, page } = teacherView
      if (s.board !== board || s.pageOf[board] !== page) {
        boardStore.setState({ board, pageOf: { ...s.pageOf, [board]: page } })
      }
    }
  }

  /** Redraws dirty regions once per animation frame. */
  private loop = (): void => {
    for (const r of this.renderers.values()) r.flush()
    this.frame = requestAnimationFrame(this.loop)
  }

  destroy(): void {
    cancelAnimationFrame(this.frame)
    this.unbindDoc?.()
    for (const stop of this.stops) stop()
    this.host.awareness('boards')?.setLocalState(null)
  }
}
