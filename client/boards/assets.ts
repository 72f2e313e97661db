/**
 * Uploaded files a board shows: PDF pages (rendered with pdfjs-dist, whose worker is served from
 * our own origin by the Vite build) and images. Fetched once per asset with the session token,
 * decoded once per page, then kept as bitmaps. Calls `onLoaded` so renderers redraw.
 */
import type { Background } from '#common/collab/board-schema.ts'
import type { BackgroundSource } from './page-renderer.ts'
import { PAGE_PIXELS } from './page-renderer.ts'

import type { PDFDocumentProxy as PdfDoc } from 'pdfjs-dist'

async function loadPdfjs() {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')])
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default
  return pdfjs
}

export class BoardAssets implements BackgroundSource {
  private readonly bitmaps = new Map<string, CanvasImageSource | 'loading' | 'failed'>()
  private readonly pdfs = new Map<string, Promise<PdfDoc>>()
  private pdfjs: ReturnType<typeof loadPdfjs> | undefined

  constructor(
    private readonly assetUrl: (sha: string) => string,
    private readonly token: () => string,
    private readonly onLoaded: () => void,
  ) {}

  private async bytes(sha: string): Promise<ArrayBuffer> {
    const res = await fetch(this.assetUrl(sha), { headers: { authorization: `Bearer ${this.token()}` } })
    if (!res.ok) throw new Error(`asset ${sha}: HTTP ${res.status}`)
    return res.arrayBuffer()
  }

  private load(key: string, make: () => Promise<CanvasImageSource>): CanvasImageSource | undefined {
    const have = this.bitmaps.get(key)
    if (have === 'loading' || have === 'failed') return undefined
    if (have) return have
    this.bitmaps.set(key, 'loading')
    make().then(
      (img) => {
        this.bitmaps.set(key, img)
        this.onLoaded()
      },
      () => this.bitmaps.set(key, 'failed'),
    )
    return undefined
  }

  image(asset: string): CanvasImageSource | undefined {
    return this.load(`img:${asset}`, async () => createImageBitmap(new Blob([await this.bytes(asset)])))
  }

  background(bg: Background, size: readonly [number, number]): CanvasImageSource | undefined {
    switch (bg.kind) {
      case 'blank':
      case 'grid':
        return undefined
      case 'image':
        return this.image(bg.asset)
      case 'pdf':
        return this.load(`pdf:${bg.asset}:${bg.page}`, () => this.renderPdfPage(bg.asset, bg.page, size))
    }
  }

  private pdf(asset: string): Promise<PdfDoc> {
    let doc = this.pdfs.get(asset)
    if (!doc) {
      this.pdfjs ??= loadPdfjs()
      doc = Promise.all([this.pdfjs, this.bytes(asset)]).then(
        ([pdfjs, data]) => pdfjs.getDocument({ data: new Uint8Array(data) }).promise,
      )
      this.pdfs.set(asset, doc)
    }
    return doc
  }

  private async renderPdfPage(asset: string, index: number, size: readonly [number, number]) {
    const page = await (await this.pdf(asset)).getPage(index + 1)
    const base = page.getViewport({ scale: 1 })
    const scale = PAGE_PIXELS / Math.max(base.width, base.height)
    const viewport = page.getViewport({ scale })
    const canvas = document.createElement('canvas')
    canvas.width = Math.round((size[0] / Math.max(...size)) * PAGE_PIXELS)
    canvas.height = Math.round((size[1] / Math.max(...size)) * PAGE_PIXELS)
    await page.render({ canvas, viewport }).promise
    return canvas
  }
}
