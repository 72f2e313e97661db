/**
 * The 3D boards on screen, for tests and support (`window.atrium.boards().screenPoint`): where a
 * page point of a board appears in the browser window, so a test can draw on the 3D board with
 * the mouse as a person would.
 */
import { Vector3, type Camera, type Mesh } from 'three'

interface Surface {
  mesh: Mesh
  camera: () => Camera
  dom: HTMLElement
  /** The board's size in metres (the plane's geometry before the page-fitting scale). */
  size: readonly [number, number]
}

const surfaces = new Map<string, Surface>()

export function registerSurface(board: string, surface: Surface): () => void {
  surfaces.set(board, surface)
  return () => {
    if (surfaces.get(board) === surface) surfaces.delete(board)
  }
}

/** Window coordinates of page point (px, py) of `board`, or undefined when it is not in view. */
export function surfaceScreenPoint(
  board: string,
  page: readonly [number, number],
  px: number,
  py: number,
): [number, number] | undefined {
  const s = surfaces.get(board)
  if (!s) return undefined
  const [bw, bh] = s.size
  const p = new Vector3((px / page[0] - 0.5) * bw, (0.5 - py / page[1]) * bh, 0)
  s.mesh.localToWorld(p).project(s.camera())
  if (Math.abs(p.x) > 1 || Math.abs(p.y) > 1 || p.z > 1) return undefined
  const r = s.dom.getBoundingClientRect()
  return [r.left + ((p.x + 1) / 2) * r.width, r.top + ((1 - p.y) / 2) * r.height]
}
