/** Boards endpoints: slide and image uploads, exports (docs/api.md, "Boards"). */
import { z } from 'zod'

/** A board id in a URL: a scene board id or `main`. */
export const boardIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a board id')

/** `POST /api/sessions/:id/boards/:board/slides` → 201. */
export const slideUploadResponseSchema = z.object({
  /** SHA-256 of the stored file (its content address). */
  asset: z.string(),
  kind: z.enum(['pdf', 'png', 'jpeg']),
  /** How many pages were added to the board, one per PDF page (1 for an image). */
  pages: z.int(),
  /** The ids of the new pages, in order. */
  pageIds: z.array(z.string()),
})
export type SlideUploadResponse = z.infer<typeof slideUploadResponseSchema>

/** `POST /api/sessions/:id/boards/images` → 201: a stored picture an image item can show. */
export const boardImageResponseSchema = z.object({
  /** SHA-256 of the stored file: the image item's `asset`. */
  asset: z.string(),
  kind: z.enum(['png', 'jpeg']),
  /** Its size in pixels, so the item can keep its proportions. */
  width: z.int(),
  height: z.int(),
})
export type BoardImageResponse = z.infer<typeof boardImageResponseSchema>

/** One stored export in the session's records. */
export const boardExportSchema = z.object({
  id: z.string(),
  board: z.string(),
  /** The page of a PNG export; null for a whole-board PDF. */
  page: z.string().nullable(),
  format: z.enum(['png', 'pdf']),
  pages: z.int(),
  bytes: z.int(),
  /** Who asked for it (display name). */
  by: z.string(),
  createdAt: z.string(),
})
export type BoardExport = z.infer<typeof boardExportSchema>

/** `GET /api/sessions/:id/boards/exports` → 200. */
export const boardExportListSchema = z.object({ exports: z.array(boardExportSchema) })
export type BoardExportList = z.infer<typeof boardExportListSchema>
