/**
 * A whole board as one PDF: every page in order, its background (the original PDF page embedded
 * as vectors, an image, or the grid) and its items drawn as vectors on top, ink with the same
 * outlines the browsers fill, text wrapped as the browsers wrap it, in Noto Sans SC (text-font.ts):
 * a character that font lacks shows as "?".
 */
import type * as Y from 'yjs'
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib'
import { boardPages, inkPoints, itemsOf, pageItems } from '#common/collab/board-doc.ts'
import { inkOutlinePoints, HIGHLIGHTER_ALPHA } from '#common/collab/board-ink.ts'
import type { BoardItem, BoardPage } from '#common/collab/board-schema.ts'
import { LINE_HEIGHT, wrapLines } from '#common/collab/board-text.ts'
import { textFontBytes } from './text-font.ts'
import { loadFontkit, loadPdfLib } from './pdf-lib-lazy.ts'

type PdfLib = Awaited<ReturnType<typeof loadPdfLib>>

/** Exported pages are A4-sized on their long side (842 pt). */
const LONG_SIDE_PT = 842

const color = ({ rgb }: PdfLib, hex: string) =>
  rgb(parseInt(hex.slice(1, 3), 16) / 255, parseInt(hex.slice(3, 5), 16) / 255, parseInt(hex.slice(5, 7), 16) / 255)

export type FileLookup = (sha: string) => Buffer | undefined

interface TextFont {
  font: PDFFont
  /** Code points the font has glyphs for. */
  has: Set<number>
}

interface Ctx {
  lib: PdfLib
  out: PDFDocument
  pdf: PDFPage
  k: number
  h: number
  /** The text font, embedded on first use (a board without text does not carry it). */
  textFont: () => Promise<TextFont>
  files: FileLookup
}

export async function exportBoardPdf(
  doc: Y.Doc,
  board: string,
  files: FileLookup,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const lib = await loadPdfLib()
  const out = await lib.PDFDocument.create()
  out.setTitle(`Board ${board}`)
  out.setProducer('Atrium')
  out.registerFontkit(await loadFontkit())
  let textFont: Promise<TextFont> | undefined
  const embedTextFont = async (): Promise<TextFont> => {
    const font = await out.embedFont(textFontBytes(), { subset: true })
    return { font, has: new Set(font.getCharacterSet()) }
  }
  const sources = new Map<string, PDFDocument>()
  const pages = boardPages(doc, board)
  for (const page of pages) {
    const k = LONG_SIDE_PT / Math.max(...page.size)
    const [w, h] = [page.size[0] * k, page.size[1] * k]
    const pdf = out.addPage([w, h])
    const ctx: Ctx = { lib, out, pdf, k, h, textFont: () => (textFont ??= embedTextFont()), files }
    await drawBackground(ctx, page, w, sources)
    for (const item of pageItems(doc, page.id)) await drawItem(ctx, item, itemsOf(doc).get(item.id)!)
  }
  return { bytes: await out.save(), pages: pages.length }
}

async function drawBackground(ctx: Ctx, page: BoardPage, w: number, sources: Map<string, PDFDocument>): Promise<void> {
  const { pdf, h, k } = ctx
  const bg = page.bg
  switch (bg.kind) {
    case 'blank':
      return
    case 'grid':
      for (let x = bg.spacing; x < page.size[0]; x += bg.spacing) {
        pdf.drawLine({
          start: { x: x * k, y: 0 },
          end: { x: x * k, y: h },
          thickness: 0.5,
          color: ctx.lib.rgb(0.86, 0.89, 0.92),
        })
      }
      for (let y = bg.spacing; y < page.size[1]; y += bg.spacing) {
        pdf.drawLine({
          start: { x: 0, y: h - y * k },
          end: { x: w, y: h - y * k },
          thickness: 0.5,
          color: ctx.lib.rgb(0.86, 0.89, 0.92),
        })
      }
      return
    case 'pdf': {
      const bytes = ctx.files(bg.asset)
      if (!bytes) return
      let src = sources.get(bg.asset)
      if (!src) sources.set(bg.asset, (src = await ctx.lib.PDFDocument.load(bytes, { updateMetadata: false })))
      if (bg.page >= src.getPageCount()) return
      const [embedded] = await ctx.out.embedPages([src.getPage(bg.page)])
      pdf.drawPage(embedded!, { x: 0, y: 0, width: w, height: h })
      return
    }
    case 'image': {
      const img = await embedImage(ctx, bg.asset)
      if (img) pdf.drawImage(img, { x: 0, y: 0, width: w, height: h })
      return
    }
  }
}

async function embedImage(ctx: Ctx, sha: string) {
  const bytes = ctx.files(sha)
  if (!bytes) return undefined
  return bytes[0] === 0x89 ? ctx.out.embedPng(bytes) : ctx.out.embedJpg(bytes)
}

async function drawItem(ctx: Ctx, item: BoardItem, map: Y.Map<unknown>): Promise<void> {
  const { pdf, k, h } = ctx
  const X = (x: number) => x * k
  const Yf = (y: number) => h - y * k
  switch (item.kind) {
    case 'ink':
    case 'highlighter': {
      const hl = item.kind === 'highlighter'
      const outline = inkOutlinePoints(inkPoints(map, item.pressure) ?? [], item.style.width, item.pressure, hl)
      if (outline.length < 3) return
      const d = outline.map(([x, y], i) => `${i ? 'L' : 'M'}${x!.toFixed(2)} ${y!.toFixed(2)}`).join(' ') + ' Z'
      pdf.drawSvgPath(d, {
        x: 0,
        y: h,
        scale: k,
        color: color(ctx.lib, item.style.color),
        opacity: hl ? HIGHLIGHTER_ALPHA : 1,
      })
      return
    }
    case 'line':
    case 'arrow': {
      const { x1, y1, x2, y2 } = item.geom
      const opts = { thickness: item.style.width * k, color: color(ctx.lib, item.style.color), lineCap: 1 as const }
      pdf.drawLine({ start: { x: X(x1), y: Yf(y1) }, end: { x: X(x2), y: Yf(y2) }, ...opts })
      if (item.kind === 'arrow') {
        const a = Math.atan2(y2 - y1, x2 - x1)
        const head = Math.max(12, item.style.width * 4)
        for (const s of [-1, 1]) {
          const hx = x2 - head * Math.cos(a + s * 0.45)
          const hy = y2 - head * Math.sin(a + s * 0.45)
          pdf.drawLine({ start: { x: X(x2), y: Yf(y2) }, end: { x: X(hx), y: Yf(hy) }, ...opts })
        }
      }
      return
    }
    case 'rect':
    case 'ellipse': {
      const { x, y, w, h: gh } = item.geom
      const common = {
        borderColor: color(ctx.lib, item.style.color),
        borderWidth: item.style.width * k,
        ...(item.style.fill ? { color: color(ctx.lib, item.style.fill) } : {}),
      }
      if (item.kind === 'rect') pdf.drawRectangle({ x: X(x), y: Yf(y + gh), width: w * k, height: gh * k, ...common })
      else pdf.drawEllipse({ x: X(x + w / 2), y: Yf(y + gh / 2), xScale: (w / 2) * k, yScale: (gh / 2) * k, ...common })
      return
    }
    case 'text':
    case 'note': {
      const { x, y, w, h: gh } = item.geom
      if (item.kind === 'note') {
        pdf.drawRectangle({
          x: X(x),
          y: Yf(y + gh),
          width: w * k,
          height: gh * k,
          color: color(ctx.lib, item.style.fill ?? '#fde68a'),
        })
      }
      const size = Math.max(10, item.style.width) * k
      const inset = item.kind === 'note' ? size * 0.5 : 0
      const { font, has } = await ctx.textFont()
      const text = [...item.text].map((ch) => (ch === '\n' || has.has(ch.codePointAt(0)!) ? ch : '?')).join('')
      const lines = wrapLines(text, w * k - inset * 2, (t) => font.widthOfTextAtSize(t, size))
      // Clipped to the item's box, as the browsers draw it.
      const { pushGraphicsState, rectangle, clip, endPath } = ctx.lib
      pdf.pushOperators(pushGraphicsState(), rectangle(X(x), Yf(y + gh), w * k, gh * k), clip(), endPath())
      lines.forEach((line, i) => {
        const baseline = Yf(y) - inset * 0.5 - size - i * size * LINE_HEIGHT
        pdf.drawText(line, { x: X(x) + inset, y: baseline, size, font, color: color(ctx.lib, item.style.color) })
      })
      pdf.pushOperators(ctx.lib.popGraphicsState())
      return
    }
    case 'image': {
      const img = await embedImage(ctx, item.asset)
      const { x, y, w, h: gh } = item.geom
      if (img) pdf.drawImage(img, { x: X(x), y: Yf(y + gh), width: w * k, height: gh * k })
      return
    }
  }
}
