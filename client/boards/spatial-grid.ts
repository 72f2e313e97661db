/** A uniform grid over a page: which items touch which cell, so a dirty region finds its items fast. */
import type { Bounds } from './ink-path.ts'

const CELL = 100

export class SpatialGrid<T> {
  private readonly cells = new Map<number, Set<T>>()
  private readonly where = new Map<T, number[]>()

  private static key(cx: number, cy: number): number {
    return (cx + 1024) * 4096 + (cy + 1024)
  }

  private static range(b: Bounds): [number, number, number, number] {
    return [Math.floor(b.x0 / CELL), Math.floor(b.y0 / CELL), Math.floor(b.x1 / CELL), Math.floor(b.y1 / CELL)]
  }

  insert(value: T, b: Bounds): void {
    this.remove(value)
    const keys: number[] = []
    const [cx0, cy0, cx1, cy1] = SpatialGrid.range(b)
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        const k = SpatialGrid.key(cx, cy)
        let cell = this.cells.get(k)
        if (!cell) this.cells.set(k, (cell = new Set()))
        cell.add(value)
        keys.push(k)
      }
    }
    this.where.set(value, keys)
  }

  remove(value: T): void {
    for (const k of this.where.get(value) ?? []) this.cells.get(k)?.delete(value)
    this.where.delete(value)
  }

  /** Everything whose cells touch `b` (a superset of what intersects it). */
  query(b: Bounds, out: Set<T>): Set<T> {
    const [cx0, cy0, cx1, cy1] = SpatialGrid.range(b)
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        for (const v of this.cells.get(SpatialGrid.key(cx, cy)) ?? []) out.add(v)
      }
    }
    return out
  }

  clear(): void {
    this.cells.clear()
    this.where.clear()
  }
}
