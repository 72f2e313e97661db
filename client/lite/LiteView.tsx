import { useTranslation } from 'react-i18next'
import { BoardView2D } from '../boards/BoardView2D.tsx'

/**
 * The 2D lesson for weak devices, browsers without WebGL, or by choice: the active board drawn
 * flat (with all its tools), with chat, polls and people in the sidebar as usual.
 */
export function LiteView({ reason }: { reason: 'chosen' | 'no-webgl' }) {
  const { t } = useTranslation()
  return (
    <div className="lite-view" data-testid="lite-view">
      {reason === 'no-webgl' && (
        <p role="status" className="lite-notice">
          {t('world.noWebgl')}
        </p>
      )}
      <BoardView2D inline />
    </div>
  )
}
