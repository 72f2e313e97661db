import { useEffect, useRef } from 'react'
import { boardStore, currentPage } from './board-store.ts'
import { currentBoards } from './boards-controller.ts'

/**
 * Others' pointers and laser dots over the page, and the outline of this person's selection,
 * drawn per animation frame (never React state).
 */
export function CursorLayer({ board }: { board: string }) {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    let frame = 0
    let drewSomething = false
    const draw = () => {
      frame = requestAnimationFrame(draw)
      const canvas = ref.current
      const session = currentBoards()
      const page = currentPage(boardStore.getState(), board)
      const pageCanvas = session?.renderers.get(board)?.canvas
      if (!canvas || !session || !page || !pageCanvas) return
      const selected = boardStore.getState().selection?.id
      const hit = selected ? session.renderers.get(board)?.itemBounds(selected) : undefined
      if (session.cursors.size === 0 && !hit && !drewSomething) return
      canvas.style.width = `${pageCanvas.clientWidth}px`
      canvas.style.height = `${pageCanvas.clientHeight}px`
      canvas.width = pageCanvas.clientWidth
      canvas.height = pageCanvas.clientHeight
      const ctx = canvas.getContext('2d')!
      const sx = canvas.width / page.size[0]
      const sy = canvas.height / page.size[1]
      drewSomething = false
      if (hit) {
        drewSomething = true
        ctx.setLineDash([6, 4])
        ctx.strokeStyle = '#1f5f8b'
        ctx.lineWidth = 2
        ctx.strokeRect(hit.x0 * sx - 3, hit.y0 * sy - 3, (hit.x1 - hit.x0) * sx + 6, (hit.y1 - hit.y0) * sy + 6)
        ctx.setLineDash([])
      }
      for (const c of session.cursors.values()) {
        if (c.page !== page.id) continue
        drewSomething = true
        ctx.beginPath()
        ctx.arc(c.x * sx, c.y * sy, c.laser ? 8 : 4, 0, Math.PI * 2)
        ctx.fillStyle = c.laser ? '#ef4444' : '#1f5f8b'
        ctx.fill()
        ctx.font = '13px system-ui, sans-serif'
        ctx.fillText(c.name, c.x * sx + 10, c.y * sy - 8)
      }
    }
    frame = requestAnimationFrame(draw)
    return () => cancelAnimationFrame(frame)
  }, [board])
  return <canvas ref={ref} className="board-cursors" aria-hidden="true" />
}
