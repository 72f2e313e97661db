/** Ink outlines: perfect-freehand turns sampled points into a filled polygon, drawn as a Path2D. */
import type { InkPoint } from '#common/collab/board-points.ts'
import { inkOutlinePoints } from '#common/collab/board-ink.ts'

export interface Bounds {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** The outline of an ink stroke and its bounds, in page units. */
export function inkOutline(
  points: readonly InkPoint[],
  width: number,
  pressure: boolean,
  highlighter: boolean,
): { path: Path2D; bounds: Bounds } {
  const outline = inkOutlinePoints(points, width, pressure, highlighter)
  const path = new Path2D()
  const bounds: Bounds = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity }
  outline.forEach(([x, y], i) => {
    if (i === 0) path.moveTo(x!, y!)
    else path.lineTo(x!, y!)
    if (x! < bounds.x0) bounds.x0 = x!
    if (y! < bounds.y0) bounds.y0 = y!
    if (x! > bounds.x1) bounds.x1 = x!
    if (y! > bounds.y1) bounds.y1 = y!
  })
  path.closePath()
  if (outline.length === 0) {
    const p = points[0]
    if (p) Object.assign(bounds, { x0: p.x - width, y0: p.y - width, x1: p.x + width, y1: p.y + width })
    else Object.assign(bounds, { x0: 0, y0: 0, x1: 0, y1: 0 })
  }
  return { path, bounds }
}

export function intersects(a: Bounds, b: Bounds): boolean {
  return a.x0 <= b.x1 && a.x1 >= b.x0 && a.y0 <= b.y1 && a.y1 >= b.y0
}

export function union(a: Bounds | undefined, b: Bounds): Bounds {
  if (!a) return { ...b }
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }
}
