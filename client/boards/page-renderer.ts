/**
 * Draws one page of a board onto its own canvas and keeps it current: a change marks the bounds
 * of what changed dirty, and `flush` redraws only that region (clip, background, the items that
 * touch it in draw order). The canvas is what the 2D view shows and what the 3D board uses as its
 * texture; `version` tells the texture when to upload.
 */
import type * as Y from 'yjs'
import { compareItems, itemsOf, pagesOf, readItem, readPage } from '#common/collab/board-doc.ts'
import { DEFAULT_PAGE_SIZE, type Background, type BoardPage } from '#common/collab/board-schema.ts'
import { intersects, union, type Bounds } from './ink-path.ts'
import { buildRenderItem, type ImageSource, type RenderItem } from './render-item.ts'
import { SpatialGrid } from './spatial-grid.ts'

/** Longest side of a page canvas in pixels. */
export const PAGE_PIXELS = 1600

/** Page backgrounds that need loading (PDF pages, images). */
export interface BackgroundSource extends ImageSource {
  background(bg: Background, size: readonly [number, number]): CanvasImageSource | undefined
}

export class PageRenderer {
  readonly canvas: HTMLCanvasElement
  private readonly ctx: CanvasRenderingContext2D
  private readonly items = new Map<string, RenderItem>()
  private readonly grid = new SpatialGrid<RenderItem>()
  private sorted: RenderItem[] = []
  private sortedStale = false
  private dirty: Bounds | undefined
  private scale = 1
  page: BoardPage | undefined
  /** Bumped after every redraw. */
  version = 0
  /**
   * The canvas pixels redrawn since the 3D texture last took them (`takeRedrawn`), so it uploads
   * only those: x0, y0, x1, y1 (exclusive), or all of it after `show` (size or page changed).
   */
  private readonly redrawn = { x0: 0, y0: 0, x1: 0, y1: 0, any: false, all: true }
  /** Milliseconds of the last full and the last partial redraw (for the benchmark and tests). */
  stats = { fullMs: 0, partialMs: 0, items: 0 }

  constructor(
    private readonly assets: BackgroundSource,
    private doc: Y.Doc | undefined = undefined,
  ) {
    this.canvas = document.createElement('canvas')
    this.ctx = this.canvas.getContext('2d', { alpha: false })!
  }

  /** Shows `pageId` of `doc` (rebuilds everything). */
  show(doc: Y.Doc, page: BoardPage): void {
    this.doc = doc
    this.page = page
    const [w, h] = page.size ?? DEFAULT_PAGE_SIZE
    this.scale = PAGE_PIXELS / Math.max(w, h)
    const pw = Math.round(w * this.scale)
    const ph = Math.round(h * this.scale)
    if (this.canvas.width !== pw || this.canvas.height !== ph) {
      this.canvas.width = pw
      this.canvas.height = ph
    }
    this.redrawn.all = true
    this.items.clear()
    this.grid.clear()
    for (const [id, map] of itemsOf(doc)) {
      if (map.get('page') === page.id) this.upsert(id, map, false)
    }
    this.sortedStale = true
    this.invalidateAll()
  }

  private upsert(id: string, map: Y.Map<unknown>, markDirty: boolean): void {
    const old = this.items.get(id)
    const item = readItem(id, map)
    if (old && markDirty) this.markDirty(old.bounds)
    if (!item || item.page !== this.page?.id) {
      if (old) this.remove(old)
      return
    }
    const r = buildRenderItem(item, map)
    if (old) this.grid.remove(old)
    this.items.set(id, r)
    this.grid.insert(r, r.bounds)
    this.sortedStale = true
    if (markDirty) this.markDirty(r.bounds)
  }

  private remove(r: RenderItem): void {
    this.items.delete(r.id)
    this.grid.remove(r)
    this.sortedStale = true
    this.markDirty(r.bounds)
  }

  /** Items changed in the document (added, edited, removed). */
  itemsChanged(ids: Iterable<string>): void {
    if (!this.doc) return
    const all = itemsOf(this.doc)
    for (const id of ids) {
      const map = all.get(id)
      if (map) this.upsert(id, map, true)
      else {
        const old = this.items.get(id)
        if (old) this.remove(old)
      }
    }
  }

  /** The page's entry changed (background, size): re-read it. */
  pageChanged(): void {
    if (!this.doc || !this.page) return
    const map = pagesOf(this.doc).get(this.page.id)
    const page = map && readPage(this.page.id, map)
    if (page && (page.size[0] !== this.page.size[0] || page.size[1] !== this.page.size[1])) this.show(this.doc, page)
    else if (page) {
      // Only a new background needs a redraw (the page entry also changes when it is first
      // written, or when pages are reordered).
      const sameBg = JSON.stringify(page.bg) === JSON.stringify(this.page.bg)
      this.page = page
      if (!sameBg) this.invalidateAll()
    }
  }

  markDirty(b: Bounds): void {
    this.dirty = union(this.dirty, b)
  }

  invalidateAll(): void {
    const [w, h] = this.page?.size ?? DEFAULT_PAGE_SIZE
    this.dirty = { x0: -1e4, y0: -1e4, x1: w + 1e4, y1: h + 1e4 }
  }

  get hasDirty(): boolean {
    return this.dirty !== undefined
  }

  /** Items under a page point, topmost first. */
  hitCandidates(b: Bounds): RenderItem[] {
    const found = [...this.grid.query(b, new Set())].filter((r) => intersects(r.bounds, b))
    return found.sort(compareItems).reverse()
  }

  /** Where an item of this page is drawn, in page units. */
  itemBounds(id: string): Bounds | undefined {
    return this.items.get(id)?.bounds
  }

  topZ(): number {
    let max = 0
    for (const r of this.items.values()) if (r.z > max) max = r.z
    return max
  }

  /** Redraws the dirty region, if any; returns whether anything was drawn. */
  flush(): boolean {
    const d = this.dirty
    if (!d || !this.page) return false
    this.dirty = undefined
    const started = performance.now()
    const s = this.scale
    const full = d.x0 <= 0 && d.y0 <= 0 && d.x1 >= this.page.size[0] && d.y1 >= this.page.size[1]
    // Whole pixels, so a partial redraw matches a full one exactly inside the clip.
    const px0 = Math.max(0, Math.floor(d.x0 * s) - 1)
    const py0 = Math.max(0, Math.floor(d.y0 * s) - 1)
    const px1 = Math.min(this.canvas.width, Math.ceil(d.x1 * s) + 1)
    const py1 = Math.min(this.canvas.height, Math.ceil(d.y1 * s) + 1)
    if (px1 <= px0 || py1 <= py0) return false
    const ctx = this.ctx
    ctx.save()
    ctx.beginPath()
    ctx.rect(px0, py0, px1 - px0, py1 - py0)
    ctx.clip()
    this.drawBackground(ctx)
    ctx.setTransform(s, 0, 0, s, 0, 0)
    const region: Bounds = { x0: px0 / s, y0: py0 / s, x1: px1 / s, y1: py1 / s }
    for (const r of full ? this.inOrder() : this.hitCandidates(region).reverse()) r.draw(ctx, this.assets)
    ctx.restore()
    const ms = performance.now() - started
    this.noteRedrawn(px0, py0, px1, py1)
    if (full) this.stats.fullMs = ms
    else this.stats.partialMs = ms
    this.stats.items = this.items.size
    this.version++
    return true
  }

  private noteRedrawn(x0: number, y0: number, x1: number, y1: number): void {
    const r = this.redrawn
    r.x0 = r.any ? Math.min(r.x0, x0) : x0
    r.y0 = r.any ? Math.min(r.y0, y0) : y0
    r.x1 = r.any ? Math.max(r.x1, x1) : x1
    r.y1 = r.any ? Math.max(r.y1, y1) : y1
    r.any = true
  }

  /**
   * Hands the region redrawn since the last call to `into` (canvas pixels, y down) and forgets
   * it; `false` when nothing was redrawn, `'all'` when the whole canvas must be taken again.
   */
  takeRedrawn(into: { x0: number; y0: number; x1: number; y1: number }): boolean | 'all' {
    const r = this.redrawn
    const out = r.all ? 'all' : r.any
    into.x0 = r.x0
    into.y0 = r.y0
    into.x1 = r.x1
    into.y1 = r.y1
    r.any = false
    r.all = false
    return out
  }

  private inOrder(): RenderItem[] {
    if (this.sortedStale) {
      this.sorted = [...this.items.values()].sort(compareItems)
      this.sortedStale = false
    }
    return this.sorted
  }

  private drawBackground(ctx: CanvasRenderingContext2D): void {
    const page = this.page!
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height)
    const bg = page.bg
    if (bg.kind === 'grid') {
      ctx.strokeStyle = '#dbe3ea'
      ctx.lineWidth = 1
      ctx.beginPath()
      const step = bg.spacing * this.scale
      for (let x = step; x < this.canvas.width; x += step) {
        ctx.moveTo(Math.round(x) + 0.5, 0)
        ctx.lineTo(Math.round(x) + 0.5, this.canvas.height)
      }
      for (let y = step; y < this.canvas.height; y += step) {
        ctx.moveTo(0, Math.round(y) + 0.5)
        ctx.lineTo(this.canvas.width, Math.round(y) + 0.5)
      }
      ctx.stroke()
    } else if (bg.kind !== 'blank') {
      const img = this.assets.background(bg, page.size)
      if (img) ctx.drawImage(img, 0, 0, this.canvas.width, this.canvas.height)
    }
  }

  /** A hash of the pixels of a fresh full render (tests compare peers with it). */
  pixelHash(): { hash: string; inked: number } {
    this.invalidateAll()
    this.flush()
    const { data } = this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height)
    let h = 0x811c9dc5
    let inked = 0
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) inked++
      h = Math.imul(h ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16)), 16777619)
    }
    return { hash: (h >>> 0).toString(16), inked }
  }
}
