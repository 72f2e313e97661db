/**
 * pdf-lib and fontkit hold about 50 MiB of a server's memory once loaded; a server that never
 * sees a slide upload or a board export never loads them.
 */
import type * as PdfLib from 'pdf-lib'
import type { PDFDocument } from 'pdf-lib'

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0]

let pdfLib: Promise<typeof PdfLib> | undefined
let fontkit: Promise<Fontkit> | undefined

export const loadPdfLib = () => (pdfLib ??= import('pdf-lib'))
// A CommonJS module: Node puts its exports on `default`.
export const loadFontkit = () =>
  (fontkit ??= import('@pdf-lib/fontkit').then((m) => (m as unknown as { default: Fontkit }).default))
