import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react'
import { useTranslation } from 'react-i18next'
import './boards.css'
import { TOOLS, boardStore, currentPage, type Tool } from './board-store.ts'
import { boardActions, currentBoards, currentTool } from './boards-controller.ts'
import { BoardToolbar } from './BoardToolbar.tsx'
import { CursorLayer } from './CursorLayer.tsx'
import { ARROWS, NUDGE } from './selection.ts'
import { useBoards } from './use-boards.ts'

const SHORTCUTS: Record<string, Tool> = {
  p: 'pen',
  h: 'highlighter',
  l: 'line',
  a: 'arrow',
  r: 'rect',
  o: 'ellipse',
  t: 'text',
  n: 'note',
  x: 'eraser',
  v: 'select',
  k: 'laser',
}

/** Page units under a pointer event on the page canvas. */
function pagePoint(e: PointerEvent<HTMLElement> | globalThis.PointerEvent, el: HTMLElement): [number, number] {
  const page = currentPage(boardStore.getState())!
  const r = el.getBoundingClientRect()
  return [((e.clientX - r.left) / r.width) * page.size[0], ((e.clientY - r.top) / r.height) * page.size[1]]
}

/**
 * The full-screen 2D board: the same live page canvas the 3D board shows, with the toolbar.
 * For lite mode, small screens and accessibility. Keyboard: tool letters, Ctrl+Z / Ctrl+Shift+Z,
 * Page Up / Page Down, ] and [ to select items, then arrow keys to move (Shift: resize), Delete
 * to remove, Enter to edit text; Escape lets go of the selection, then closes.
 */
/** The 2D board: full-screen over the 3D room (`onClose` returns to it), or `inline` in the lite view. */
export function BoardView2D({ onClose, inline = false }: { onClose?: () => void; inline?: boolean }) {
  const { t } = useTranslation()
  const board = useBoards((s) => s.board)
  const page = useBoards((s) => currentPage(s))
  const pageCount = useBoards((s) => (s.pages[s.board] ?? []).length)
  const index = useBoards((s) => (s.pages[s.board] ?? []).findIndex((p) => p.id === currentPage(s)?.id))
  const locked = useBoards((s) => s.locked && !s.moderator && s.participates)
  const notice = useBoards((s) => s.notice)
  const selection = useBoards((s) => s.selection)
  const host = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const canvas = currentBoards()?.renderers.get(board)?.canvas
    const el = host.current
    if (!canvas || !el) return
    canvas.className = 'board-page'
    el.prepend(canvas)
    return () => canvas.remove()
  }, [board])

  const target = () => host.current?.querySelector('canvas.board-page') as HTMLElement | null
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    const el = target()
    if (!el || e.button > 0) return
    e.currentTarget.setPointerCapture(e.pointerId)
    const [x, y] = pagePoint(e, el)
    currentTool()?.down(board, x, y, e.pointerType === 'pen' ? e.pressure : undefined)
  }
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    const el = target()
    if (!el) return
    const events = currentTool()?.active ? e.nativeEvent.getCoalescedEvents?.() : undefined
    for (const ev of events?.length ? events : [e.nativeEvent]) {
      const [x, y] = pagePoint(ev, el)
      currentTool()?.move(board, x, y, ev.pointerType === 'pen' ? ev.pressure : undefined)
    }
  }
  const onUp = () => currentTool()?.up()
  const onLeave = () => {
    if (!currentTool()?.active) currentBoards()?.setCursor(undefined)
  }

  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if ((e.target as HTMLElement).matches('input, select, textarea')) return
    const mod = e.ctrlKey || e.metaKey
    const key = e.key.toLowerCase()
    const arrow = ARROWS[e.key]
    const selected = boardStore.getState().selection
    if (selected && arrow && !mod) boardActions.nudgeSelected(arrow[0] * NUDGE, arrow[1] * NUDGE, e.shiftKey)
    else if (selected && (e.key === 'Delete' || e.key === 'Backspace')) boardActions.eraseSelected()
    else if (selected && e.key === 'Escape') boardActions.deselect()
    else if (selected && e.key === 'Enter' && selected.text !== undefined) {
      document.getElementById('board-selected-text')?.focus()
    } else if (e.key === ']' || e.key === '[') boardActions.selectStep(e.key === ']' ? 1 : -1)
    else if (mod && key === 'z') boardActions[e.shiftKey ? 'redo' : 'undo']()
    else if (mod && key === 'y') boardActions.redo()
    else if (e.key === 'PageDown') boardActions.nextPage()
    else if (e.key === 'PageUp') boardActions.prevPage()
    else if (e.key === 'Escape' && onClose) onClose()
    else if (!mod && SHORTCUTS[key] && TOOLS.includes(SHORTCUTS[key])) boardStore.setState({ tool: SHORTCUTS[key] })
    else return
    e.preventDefault()
  }

  return (
    <section
      className={inline ? 'board-view inline' : 'board-view'}
      role="region"
      aria-label={t('boards.region')}
      onKeyDown={onKey}
      tabIndex={-1}
    >
      <header className="board-header">
        {onClose && (
          <button type="button" onClick={onClose} autoFocus>
            {t('boards.close')}
          </button>
        )}
        <p className="board-page-label" aria-live="polite">
          {t('boards.pageOf', { page: index + 1, pages: pageCount })}
        </p>
        <p role="status" className="board-notice">
          {locked ? t('boards.locked') : notice ? t(`boards.notice.${notice.kind}`, notice) : ''}
        </p>
      </header>
      <BoardToolbar />
      <p className="visually-hidden" aria-live="polite" data-testid="board-selection">
        {selection
          ? `${t('boards.selected', { kind: t(`boards.kind.${selection.kind}`), text: selection.text ?? '' })}. ${t('boards.selectionHelp')}`
          : t('boards.nothingSelected')}
      </p>
      <div
        ref={host}
        className="board-stage"
        role="img"
        aria-label={t('boards.canvas', { board, page: index + 1, pages: pageCount })}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
        onPointerLeave={onLeave}
      >
        {page && <CursorLayer board={board} />}
      </div>
    </section>
  )
}
