/**
 * Drag to look (mouse, pen or one finger) and pinch to zoom (two fingers) on the 3D view. Zoom
 * narrows the field of view, so the board or screen can be read on a small phone.
 */
import { playerStore } from '../../state/player-store.ts'

export const FOV_DEFAULT = 60
const FOV_MIN = 20
const LOOK_SPEED = 0.005
const PITCH_LIMIT = 1.2

export interface ZoomTarget {
  fov: number
}

export function attachPointerLook(el: HTMLElement, zoom: ZoomTarget): () => void {
  const pointers = new Map<number, { x: number; y: number }>()
  let pinchStart: { distance: number; fov: number } | undefined
  let dragged = 0

  const distance = () => {
    const [a, b] = [...pointers.values()]
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0
  }
  const down = (e: PointerEvent) => {
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY })
    dragged = 0
    if (pointers.size === 2) pinchStart = { distance: distance(), fov: zoom.fov }
  }
  const move = (e: PointerEvent) => {
    const prev = pointers.get(e.pointerId)
    if (!prev) return
    const dx = e.clientX - prev.x
    const dy = e.clientY - prev.y
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY })
    if (pointers.size === 2 && pinchStart) {
      const d = distance()
      if (d > 0) zoom.fov = Math.min(FOV_DEFAULT, Math.max(FOV_MIN, (pinchStart.fov * pinchStart.distance) / d))
      return
    }
    dragged += Math.abs(dx) + Math.abs(dy)
    const p = playerStore.getState()
    playerStore.setState({
      yaw: p.yaw + dx * LOOK_SPEED,
      pitch: Math.max(-PITCH_LIMIT, Math.min(PITCH_LIMIT, p.pitch + dy * LOOK_SPEED)),
    })
  }
  const up = (e: PointerEvent) => {
    pointers.delete(e.pointerId)
    if (pointers.size < 2) pinchStart = undefined
  }
  // A drag is a look, not a click: swallow the click that ends it.
  const click = (e: MouseEvent) => {
    if (dragged > 6) e.stopPropagation()
  }
  const wheel = (e: WheelEvent) => {
    if (!e.ctrlKey) return
    e.preventDefault()
    zoom.fov = Math.min(FOV_DEFAULT, Math.max(FOV_MIN, zoom.fov + e.deltaY * 0.05))
  }
  el.addEventListener('pointerdown', down)
  el.addEventListener('pointermove', move)
  el.addEventListener('pointerup', up)
  el.addEventListener('pointercancel', up)
  el.addEventListener('click', click, true)
  el.addEventListener('wheel', wheel, { passive: false })
  return () => {
    el.removeEventListener('pointerdown', down)
    el.removeEventListener('pointermove', move)
    el.removeEventListener('pointerup', up)
    el.removeEventListener('pointercancel', up)
    el.removeEventListener('click', click, true)
    el.removeEventListener('wheel', wheel)
  }
}
