/** The boards' REST calls (docs/api.md, "Boards"): slide uploads, exports. Errors become sentences. */
import { errorEnvelopeSchema } from '#common/api/error-envelope.ts'
import {
  slideUploadResponseSchema,
  boardExportSchema,
  boardImageResponseSchema,
  type SlideUploadResponse,
  type BoardExport,
  type BoardImageResponse,
} from '#common/api/boards.ts'

async function failure(res: Response): Promise<Error> {
  const env = errorEnvelopeSchema.safeParse(await res.json().catch(() => undefined))
  return new Error(env.success ? env.data.error.message : `HTTP ${res.status}`)
}

const base = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}/boards`

/** Uploads a PDF or image; the server adds its pages to `board` as backgrounds. */
export async function uploadSlides(
  sessionId: string,
  token: string,
  board: string,
  file: Blob,
): Promise<SlideUploadResponse> {
  const res = await fetch(`${base(sessionId)}/${encodeURIComponent(board)}/slides`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: file,
  })
  if (!res.ok) throw await failure(res)
  return slideUploadResponseSchema.parse(await res.json())
}

/** Uploads a picture for an image item; the caller adds the item. */
export async function uploadImage(sessionId: string, token: string, file: Blob): Promise<BoardImageResponse> {
  const res = await fetch(`${base(sessionId)}/images`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: file,
  })
  if (!res.ok) throw await failure(res)
  return boardImageResponseSchema.parse(await res.json())
}

/** Asks the server for a PDF of a whole board, kept in the session's records. */
export async function exportBoardPdf(sessionId: string, token: string, board: string): Promise<BoardExport> {
  const res = await fetch(`${base(sessionId)}/${encodeURIComponent(board)}/export`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  })
  if (!res.ok) throw await failure(res)
  return boardExportSchema.parse(await res.json())
}

/** Stores a PNG of one page (rendered here) in the session's records. */
export async function savePagePng(
  sessionId: string,
  token: string,
  board: string,
  page: string,
  png: Blob,
): Promise<BoardExport> {
  const res = await fetch(`${base(sessionId)}/${encodeURIComponent(board)}/pages/${encodeURIComponent(page)}/png`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
    body: png,
  })
  if (!res.ok) throw await failure(res)
  return boardExportSchema.parse(await res.json())
}

/** Fetches a stored export (with the token) and hands it to the browser as a download. */
export async function downloadExport(sessionId: string, token: string, e: BoardExport): Promise<void> {
  const res = await fetch(`${base(sessionId)}/exports/${encodeURIComponent(e.id)}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  if (!res.ok) throw await failure(res)
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = `${e.board}${e.page ? '-' + e.page : ''}.${e.format}`
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
