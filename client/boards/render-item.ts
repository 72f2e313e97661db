/**
 * A board item prepared for drawing: bounds in page units and a draw function. Ink outlines are
 * computed once per change, not per frame. One builder per kind (exhaustive).
 */
import type * as Y from 'yjs'
import { inkPoints } from '#common/collab/board-doc.ts'
import { HIGHLIGHTER_ALPHA } from '#common/collab/board-ink.ts'
import type { BoardItem } from '#common/collab/board-schema.ts'
import { LINE_HEIGHT, wrapLines } from '#common/collab/board-text.ts'
import { inkOutline, type Bounds } from './ink-path.ts'

export interface RenderItem {
  id: string
  z: number
  item: BoardItem
  bounds: Bounds
  draw(ctx: CanvasRenderingContext2D, images: ImageSource): void
}

/** Decoded images by asset hash (undefined until loaded). */
export interface ImageSource {
  image(asset: string): CanvasImageSource | undefined
}

export const NOTE_FILL = '#fde68a'
const pad = (b: Bounds, d: number): Bounds => ({ x0: b.x0 - d, y0: b.y0 - d, x1: b.x1 + d, y1: b.y1 + d })
const boxBounds = (g: { x: number; y: number; w: number; h: number }): Bounds => ({
  x0: g.x,
  y0: g.y,
  x1: g.x + g.w,
  y1: g.y + g.h,
})

function fillLines(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, w: number, size: number): void {
  wrapLines(text, w, (t) => ctx.measureText(t).width).forEach((line, i) => {
    ctx.fillText(line, x, y + size + i * size * LINE_HEIGHT)
  })
}

const FONT = "'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

type Builder<K extends BoardItem['kind']> = (item: Extract<BoardItem, { kind: K }>, map: Y.Map<unknown>) => RenderItem
const base = (item: BoardItem) => ({ id: item.id, z: item.z, item })

const ink: Builder<'ink' | 'highlighter'> = (item, map) => {
  const hl = item.kind === 'highlighter'
  const { path, bounds } = inkOutline(inkPoints(map, item.pressure) ?? [], item.style.width, item.pressure, hl)
  return {
    ...base(item),
    bounds: pad(bounds, 1),
    draw(ctx) {
      ctx.fillStyle = item.style.color
      ctx.globalAlpha = hl ? HIGHLIGHTER_ALPHA : 1
      ctx.fill(path)
      ctx.globalAlpha = 1
    },
  }
}

const segment: Builder<'line' | 'arrow'> = (item) => {
  const { x1, y1, x2, y2 } = item.geom
  const w = item.style.width
  const head = Math.max(12, w * 4)
  const b = { x0: Math.min(x1, x2), y0: Math.min(y1, y2), x1: Math.max(x1, x2), y1: Math.max(y1, y2) }
  return {
    ...base(item),
    bounds: pad(b, w + (item.kind === 'arrow' ? head : 0)),
    draw(ctx) {
      ctx.strokeStyle = item.style.color
      ctx.lineWidth = w
      ctx.lineCap = 'round'
      ctx.beginPath()
      ctx.moveTo(x1, y1)
      ctx.lineTo(x2, y2)
      if (item.kind === 'arrow') {
        const a = Math.atan2(y2 - y1, x2 - x1)
        for (const s of [-1, 1]) {
          ctx.moveTo(x2, y2)
          ctx.lineTo(x2 - head * Math.cos(a + s * 0.45), y2 - head * Math.sin(a + s * 0.45))
        }
      }
      ctx.stroke()
    },
  }
}

const shape: Builder<'rect' | 'ellipse'> = (item) => {
  const { x, y, w, h } = item.geom
  return {
    ...base(item),
    bounds: pad(boxBounds(item.geom), item.style.width),
    draw(ctx) {
      ctx.beginPath()
      if (item.kind === 'rect') ctx.rect(x, y, w, h)
      else ctx.ellipse(x + w / 2, y + h / 2, w / 2, h / 2, 0, 0, Math.PI * 2)
      if (item.style.fill) {
        ctx.fillStyle = item.style.fill
        ctx.fill()
      }
      ctx.strokeStyle = item.style.color
      ctx.lineWidth = item.style.width
      ctx.stroke()
    },
  }
}

const text: Builder<'text' | 'note'> = (item) => {
  const { x, y, w, h } = item.geom
  const note = item.kind === 'note'
  const size = Math.max(10, item.style.width)
  return {
    ...base(item),
    bounds: pad(boxBounds(item.geom), 2),
    draw(ctx) {
      ctx.save()
      if (note) {
        ctx.fillStyle = item.style.fill ?? NOTE_FILL
        ctx.fillRect(x, y, w, h)
      }
      ctx.beginPath()
      ctx.rect(x, y, w, h)
      ctx.clip()
      ctx.fillStyle = item.style.color
      ctx.font = `${size}px ${FONT}`
      const inset = note ? size * 0.5 : 0
      fillLines(ctx, item.text, x + inset, y + inset * 0.5, w - inset * 2, size)
      ctx.restore()
    },
  }
}

const image: Builder<'image'> = (item) => {
  const { x, y, w, h } = item.geom
  return {
    ...base(item),
    bounds: pad(boxBounds(item.geom), 1),
    draw(ctx, images) {
      const img = images.image(item.asset)
      if (img) ctx.drawImage(img, x, y, w, h)
      else {
        ctx.fillStyle = '#e5e7eb'
        ctx.fillRect(x, y, w, h)
      }
    },
  }
}

const builders = {
  ink,
  highlighter: ink,
  line: segment,
  arrow: segment,
  rect: shape,
  ellipse: shape,
  text,
  note: text,
  image,
} satisfies Record<BoardItem['kind'], (item: never, map: Y.Map<unknown>) => RenderItem>

export function buildRenderItem(item: BoardItem, map: Y.Map<unknown>): RenderItem {
  return (builders[item.kind] as (i: BoardItem, m: Y.Map<unknown>) => RenderItem)(item, map)
}
