import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import './boards.css'
import { currentPage } from './board-store.ts'
import { currentBoards } from './boards-controller.ts'
import { CursorLayer } from './CursorLayer.tsx'
import { useBoards } from './use-boards.ts'

/** The current board page, large and without tools (the classroom projector shows it). */
export function BoardDisplay() {
  const { t } = useTranslation()
  const board = useBoards((s) => s.board)
  const page = useBoards((s) => currentPage(s))
  const pageCount = useBoards((s) => (s.pages[s.board] ?? []).length)
  const index = useBoards((s) => (s.pages[s.board] ?? []).findIndex((p) => p.id === currentPage(s)?.id))
  const host = useRef<HTMLDivElement>(null)
  const ready = useBoards((s) => s.pages[s.board] !== undefined)

  useEffect(() => {
    const canvas = currentBoards()?.renderers.get(board)?.canvas
    const el = host.current
    if (!canvas || !el) return
    canvas.className = 'board-page'
    el.prepend(canvas)
    return () => canvas.remove()
  }, [board, ready])

  return (
    <div
      ref={host}
      className="board-stage board-display"
      role="img"
      aria-label={t('boards.canvas', { board, page: index + 1, pages: pageCount })}
    >
      {page && <CursorLayer board={board} />}
    </div>
  )
}
