import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import { groupNumber } from '#common/collab/lesson-control.ts'
import { controlStore } from '../state/control-store.ts'
import { useSession } from '../state/use-session.ts'

/**
 * Says where this browser's boards and lab are (a breakout group, own or visited) and shows the
 * teacher's latest message to every group until it is dismissed.
 */
export function BreakoutBanner({ onBack }: { onBack?: () => void }) {
  const { t } = useTranslation()
  const place = useSession((s) => s.breakout)
  const broadcast = useStore(controlStore, (s) => s.settings.broadcast)
  const [dismissed, setDismissed] = useState(0)
  const group = place ? t('breakout.group', { n: groupNumber(place.group) }) : ''
  const message = broadcast && broadcast.at > dismissed ? broadcast : undefined
  return (
    <>
      <p className="breakout-banner" role="status" aria-live="polite" data-testid="breakout-banner">
        {place && (place.visiting ? t('breakout.visiting', { group }) : t('breakout.inGroup', { group }))}
        {place?.visiting && onBack && (
          <button type="button" onClick={onBack}>
            {t('breakout.back')}
          </button>
        )}
      </p>
      <p className="breakout-message" role="status" aria-live="assertive" data-testid="breakout-message">
        {message && (
          <>
            {t('breakout.message', { name: message.from, text: message.text })}
            <button type="button" onClick={() => setDismissed(message.at)} aria-label={t('breakout.dismiss')}>
              ×
            </button>
          </>
        )}
      </p>
    </>
  )
}
