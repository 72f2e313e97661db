/**
 * Checks an uploaded slide file before anything is stored: the type from its bytes, the page
 * limit, and that it can be read at all. Returns page sizes (points for PDF, pixels for images).
 */
import type { PDFDocument } from 'pdf-lib'
import { loadPdfLib } from './pdf-lib-lazy.ts'
import { AtriumError } from '#common/errors.ts'
import { imageSize, sniff, type FileKind } from './sniff.ts'

export interface CheckedSlides {
  kind: FileKind
  /** Width and height of every page. */
  pages: [number, number][]
}

export async function checkSlides(bytes: Uint8Array, maxPages: number): Promise<CheckedSlides> {
  if (bytes.byteLength === 0) throw AtriumError.badRequest('The file is empty.')
  const kind = sniff(bytes)
  if (!kind) throw unsupported()
  if (kind !== 'pdf') {
    const size = imageSize(bytes, kind)
    if (!size || size[0] < 1 || size[1] < 1) throw AtriumError.badRequest(`The ${kind.toUpperCase()} image is damaged.`)
    return { kind, pages: [size] }
  }
  const { PDFDocument } = await loadPdfLib()
  let pdf: PDFDocument
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true })
  } catch (err) {
    const encrypted = /encrypt/i.test((err as Error).message)
    throw AtriumError.badRequest(
      encrypted
        ? 'The PDF is password-protected. Save it without a password and upload it again.'
        : 'The PDF is damaged and cannot be read. Export it again from the original and upload that.',
    )
  }
  const count = pdf.getPageCount()
  if (count === 0) throw AtriumError.badRequest('The PDF has no pages.')
  if (count > maxPages) {
    throw AtriumError.badRequest(`The PDF has ${count} pages; at most ${maxPages} can be uploaded at once.`)
  }
  return { kind, pages: pdf.getPages().map((p) => [p.getWidth(), p.getHeight()] as [number, number]) }
}

function unsupported(): AtriumError {
  return new AtriumError('unsupported_media_type', 'Only PDF, PNG and JPEG files can be uploaded as slides.')
}
