/**
 * Keys held down on the 3D view, read in the frame loop (no React). Only keys pressed while the
 * view has focus count, so typing in chat never walks anyone into a wall.
 */
const held = new Set<string>()

const MOVE_KEYS = new Set([
  'KeyW',
  'KeyA',
  'KeyS',
  'KeyD',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'PageUp',
  'PageDown',
  'KeyQ',
  'KeyE',
])

export function isHeld(code: string): boolean {
  return held.has(code)
}

/** Listens on `el` (the focusable view); returns a detach function. */
export function attachKeyboard(el: HTMLElement): () => void {
  const down = (e: KeyboardEvent) => {
    if (!MOVE_KEYS.has(e.code)) return
    held.add(e.code)
    e.preventDefault()
  }
  const up = (e: KeyboardEvent) => held.delete(e.code)
  const clear = () => held.clear()
  el.addEventListener('keydown', down)
  el.addEventListener('keyup', up)
  el.addEventListener('blur', clear)
  return () => {
    el.removeEventListener('keydown', down)
    el.removeEventListener('keyup', up)
    el.removeEventListener('blur', clear)
    held.clear()
  }
}
