import { useTranslation } from 'react-i18next'
import { groupNumber } from '#common/collab/lesson-control.ts'
import { useSession } from '../state/use-session.ts'

/** Says where this browser's boards and lab are: a breakout group (own or visited) or nothing. */
export function BreakoutBanner({ onBack }: { onBack?: () => void }) {
  const { t } = useTranslation()
  const place = useSession((s) => s.breakout)
  const group = place ? t('breakout.group', { n: groupNumber(place.group) }) : ''
  return (
    <p className="breakout-banner" role="status" aria-live="polite" data-testid="breakout-banner">
      {place && (place.visiting ? t('breakout.visiting', { group }) : t('breakout.inGroup', { group }))}
      {place?.visiting && onBack && (
        <button type="button" onClick={onBack}>
          {t('breakout.back')}
        </button>
      )}
    </p>
  )
}
