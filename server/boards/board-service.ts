/**
 * Boards use cases behind the API: slides become page backgrounds (checked, stored
 * content-addressed, then added to the board in the boards document by the server), exports are
 * built and kept in the session's records. HTTP lives in board-routes.ts.
 */
import crypto from 'node:crypto'
import * as Y from 'yjs'
import { AtriumError } from '#common/errors.ts'
import type { BoardExport, BoardImageResponse, SlideUploadResponse } from '#common/api/boards.ts'
import { boardPages, defaultPageId, pageItems } from '#common/collab/board-doc.ts'
import { addPage, deletePage } from '#common/collab/board-ops.ts'
import type { DocRef } from '#common/collab/doc-layout.ts'
import type { SessionId } from '#common/ids.ts'
import type { Role } from '#common/roles.ts'
import type { Db } from '../store/database.ts'
import { SERVER_ORIGIN, type CollabServer } from '../collab/collab-server.ts'
import { BoardFiles } from './board-files.ts'
import { checkSlides } from './slide-check.ts'
import { exportBoardPdf } from './export-pdf.ts'
import { imageSize, sniff } from './sniff.ts'

export interface BoardLimits {
  /** Largest upload in bytes. */
  maxUploadBytes: number
  /** Most pages one PDF may add. */
  maxPages: number
}

interface Who {
  identity: string
  name: string
}

interface ExportRow {
  id: string
  board: string
  page: string | null
  format: 'png' | 'pdf'
  sha256: string
  bytes: number
  pages: number
  by_name: string
  created_at: number
}

const toExport = (r: ExportRow): BoardExport => ({
  id: r.id,
  board: r.board,
  page: r.page,
  format: r.format,
  pages: r.pages,
  bytes: r.bytes,
  by: r.by_name,
  createdAt: new Date(r.created_at).toISOString(),
})

/** The long side of a page made from a slide, in page units. */
const SLIDE_LONG_SIDE = 1600

export class BoardService {
  readonly files: BoardFiles

  constructor(
    private readonly db: Db,
    dataDir: string,
    private readonly collab: CollabServer,
    readonly limits: BoardLimits,
  ) {
    this.files = new BoardFiles(dataDir)
  }

  private boardsRef(sessionId: SessionId): DocRef {
    return { sessionId, kind: 'boards' }
  }

  async uploadSlides(sessionId: SessionId, board: string, bytes: Uint8Array, who: Who): Promise<SlideUploadResponse> {
    const checked = await checkSlides(bytes, this.limits.maxPages)
    const asset = this.files.put(bytes)
    this.db
      .prepare(
        `INSERT OR IGNORE INTO board_uploads (session_id, sha256, kind, bytes, pages, by_identity, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(sessionId, asset, checked.kind, bytes.byteLength, checked.pages.length, who.identity, Date.now())
    const pageIds: string[] = []
    await this.collab.write(this.boardsRef(sessionId), (doc) => {
      // Slides replace a board's untouched first page instead of following it.
      const pages = boardPages(doc, board)
      const first = pages[0]
      const untouched =
        pages.length === 1 && first?.id === defaultPageId(board) && pageItems(doc, first.id).length === 0
      if (untouched) deletePage(doc, first.id, SERVER_ORIGIN)
      let replaceDefault = untouched
      checked.pages.forEach(([w, h], i) => {
        const k = SLIDE_LONG_SIDE / Math.max(w, h)
        const size = [Math.max(16, Math.round(w * k)), Math.max(16, Math.round(h * k))] as const
        const bg = checked.kind === 'pdf' ? { kind: 'pdf' as const, asset, page: i } : { kind: 'image' as const, asset }
        pageIds.push(addPage(doc, board, { bg, size, replaceDefault }, SERVER_ORIGIN))
        replaceDefault = false
      })
    })
    return { asset, kind: checked.kind, pages: pageIds.length, pageIds }
  }

  /**
   * Stores a picture someone will place on a board as an image item (the client adds the item).
   * Only someone who may draw on the boards right now may upload one.
   */
  async uploadImage(sessionId: SessionId, bytes: Uint8Array, who: Who & { role: Role }): Promise<BoardImageResponse> {
    const user = { identity: who.identity, name: who.name, role: who.role }
    const access = this.collab.accessFor({ user, sessionId, expiresAt: 0 }, this.boardsRef(sessionId))
    if (access !== 'write') {
      throw AtriumError.forbidden(
        who.role === 'room' || who.role === 'observer'
          ? 'This role watches the boards and cannot add pictures to them.'
          : 'The teacher has locked the boards. You can look but not add pictures.',
      )
    }
    if (bytes.byteLength === 0) throw AtriumError.badRequest('The file is empty.')
    const kind = sniff(bytes)
    if (kind !== 'png' && kind !== 'jpeg') {
      throw new AtriumError('unsupported_media_type', 'Only PNG and JPEG pictures can be placed on a board.')
    }
    const size = imageSize(bytes, kind)
    if (!size || size[0] < 1 || size[1] < 1) throw AtriumError.badRequest(`The ${kind.toUpperCase()} image is damaged.`)
    const asset = this.files.put(bytes)
    this.db
      .prepare(
        `INSERT OR IGNORE INTO board_uploads (session_id, sha256, kind, bytes, pages, by_identity, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(sessionId, asset, kind, bytes.byteLength, 1, who.identity, Date.now())
    return { asset, kind, width: size[0], height: size[1] }
  }

  /** An uploaded file of this session, or undefined. */
  asset(sessionId: SessionId, sha: string): { bytes: Buffer; kind: string } | undefined {
    const row = this.db
      .prepare('SELECT kind FROM board_uploads WHERE session_id = ? AND sha256 = ?')
      .get(sessionId, sha) as { kind: string } | undefined
    const bytes = row && this.files.get(sha)
    return row && bytes ? { bytes, kind: row.kind } : undefined
  }

  private async snapshot(sessionId: SessionId): Promise<Y.Doc> {
    let update: Uint8Array = new Uint8Array()
    await this.collab.write(this.boardsRef(sessionId), (doc) => {
      update = Y.encodeStateAsUpdate(doc)
    })
    const copy = new Y.Doc()
    Y.applyUpdate(copy, update)
    return copy
  }

  async exportPdf(sessionId: SessionId, board: string, who: Who): Promise<BoardExport> {
    const doc = await this.snapshot(sessionId)
    const { bytes, pages } = await exportBoardPdf(doc, board, (sha) => this.asset(sessionId, sha)?.bytes)
    return this.record(sessionId, board, null, 'pdf', bytes, pages, who)
  }

  /** Keeps a PNG of a page that a browser rendered. */
  async savePng(sessionId: SessionId, board: string, page: string, bytes: Uint8Array, who: Who): Promise<BoardExport> {
    if (sniff(bytes) !== 'png') throw new AtriumError('unsupported_media_type', 'A page export must be a PNG image.')
    const doc = await this.snapshot(sessionId)
    if (!boardPages(doc, board).some((p) => p.id === page))
      throw AtriumError.notFound('There is no such page on this board.')
    return this.record(sessionId, board, page, 'png', bytes, 1, who)
  }

  private record(
    sessionId: SessionId,
    board: string,
    page: string | null,
    format: 'png' | 'pdf',
    bytes: Uint8Array,
    pages: number,
    who: Who,
  ): BoardExport {
    const row: ExportRow = {
      id: crypto.randomBytes(9).toString('base64url'),
      board,
      page,
      format,
      sha256: this.files.put(bytes),
      bytes: bytes.byteLength,
      pages,
      by_name: who.name,
      created_at: Date.now(),
    }
    this.db
      .prepare(
        `INSERT INTO board_exports (id, session_id, board, page, format, sha256, bytes, pages, by_name, created_at)
         VALUES (@id, @session_id, @board, @page, @format, @sha256, @bytes, @pages, @by_name, @created_at)`,
      )
      .run({ ...row, session_id: sessionId })
    return toExport(row)
  }

  listExports(sessionId: SessionId): BoardExport[] {
    const rows = this.db
      .prepare('SELECT * FROM board_exports WHERE session_id = ? ORDER BY created_at, id')
      .all(sessionId) as ExportRow[]
    return rows.map(toExport)
  }

  exportFile(sessionId: SessionId, id: string): { bytes: Buffer; format: 'png' | 'pdf' } | undefined {
    const row = this.db.prepare('SELECT * FROM board_exports WHERE session_id = ? AND id = ?').get(sessionId, id) as
      ExportRow | undefined
    const bytes = row && this.files.get(row.sha256)
    return row && bytes ? { bytes, format: row.format } : undefined
  }
}
