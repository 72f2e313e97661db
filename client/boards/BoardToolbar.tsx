import { useTranslation } from 'react-i18next'
import { COLORS, TOOLS, WIDTHS, boardStore, canDraw } from './board-store.ts'
import { boardActions } from './boards-controller.ts'
import { useBoards } from './use-boards.ts'

/** Tools, colours and page actions of the 2D board view; every control is a labelled button. */
export function BoardToolbar() {
  const { t } = useTranslation()
  const s = useBoards((st) => st)
  const drawing = canDraw(s)
  const set = boardStore.setState
  return (
    <div className="board-toolbar">
      <div role="toolbar" aria-label={t('boards.tools')} className="board-group">
        {TOOLS.map((tool) => (
          <button
            key={tool}
            type="button"
            aria-pressed={s.tool === tool}
            disabled={tool !== 'laser' && !drawing}
            onClick={() => set({ tool })}
          >
            {t(`boards.tool.${tool}`)}
          </button>
        ))}
      </div>
      <div role="group" aria-label={t('boards.color')} className="board-group">
        {COLORS.map((c) => (
          <button
            key={c}
            type="button"
            className="swatch"
            style={{ background: c }}
            aria-pressed={s.color === c}
            aria-label={t(`boards.colorName.${c}`)}
            onClick={() => set({ color: c })}
          />
        ))}
        <label>
          {t('boards.width')}{' '}
          <select value={s.width} onChange={(e) => set({ width: Number(e.target.value) })}>
            {WIDTHS.map((w) => (
              <option key={w} value={w}>
                {t('boards.widthValue', { width: w })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('boards.text')}{' '}
          <input
            value={s.text}
            onChange={(e) => set({ text: e.target.value })}
            aria-describedby="board-text-help"
            size={14}
          />
        </label>
        <span id="board-text-help" className="visually-hidden">
          {t('boards.textHelp')}
        </span>
        {s.selection?.text !== undefined && drawing && (
          <label>
            {t('boards.editText')}{' '}
            <textarea
              id="board-selected-text"
              rows={2}
              cols={24}
              value={s.selection.text}
              // One undo step for a whole edit, from focus to blur.
              onFocus={boardActions.stopCapturing}
              onBlur={boardActions.stopCapturing}
              onChange={(e) => boardActions.setSelectedText(e.target.value)}
            />
          </label>
        )}
        {drawing && (
          <label>
            {t('boards.addImage')}{' '}
            <input
              type="file"
              accept="image/png,image/jpeg"
              onChange={(e) => {
                const file = e.target.files?.[0]
                if (file) void boardActions.addImage(file)
                e.target.value = ''
              }}
            />
          </label>
        )}
      </div>
      <div role="group" aria-label={t('boards.pages')} className="board-group">
        <button type="button" disabled={!s.canUndo} onClick={boardActions.undo}>
          {t('boards.undo')}
        </button>
        <button type="button" disabled={!s.canRedo} onClick={boardActions.redo}>
          {t('boards.redo')}
        </button>
        <button type="button" onClick={boardActions.prevPage}>
          {t('boards.prevPage')}
        </button>
        <button type="button" onClick={boardActions.nextPage}>
          {t('boards.nextPage')}
        </button>
        {drawing && (
          <>
            <button type="button" onClick={boardActions.addPage}>
              {t('boards.addPage')}
            </button>
            <button type="button" onClick={() => boardActions.movePage(-1)}>
              {t('boards.moveUp')}
            </button>
            <button type="button" onClick={() => boardActions.movePage(1)}>
              {t('boards.moveDown')}
            </button>
            <button type="button" onClick={boardActions.deletePage}>
              {t('boards.deletePage')}
            </button>
          </>
        )}
        <button type="button" onClick={() => void boardActions.exportPng()}>
          {t('boards.exportPng')}
        </button>
        <button type="button" onClick={() => void boardActions.exportPdf()}>
          {t('boards.exportPdf')}
        </button>
      </div>
      {s.moderator ? (
        <div role="group" aria-label={t('boards.board')} className="board-group">
          <button type="button" onClick={boardActions.clearPage}>
            {t('boards.clearPage')}
          </button>
          <label>
            <input type="checkbox" checked={s.locked} onChange={(e) => boardActions.setLocked(e.target.checked)} />{' '}
            {t('boards.lock')}
          </label>
          <label>
            {t('boards.upload')}{' '}
            <input
              type="file"
              accept="application/pdf,image/png,image/jpeg"
              onChange={(e) => {
                const file = e.target.files?.[0]
                if (file) void boardActions.uploadSlides(file)
                e.target.value = ''
              }}
            />
          </label>
        </div>
      ) : (
        <label className="board-group">
          <input type="checkbox" checked={s.follow} onChange={(e) => set({ follow: e.target.checked })} />{' '}
          {t('boards.follow')}
        </label>
      )}
    </div>
  )
}
