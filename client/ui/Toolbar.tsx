import { useTranslation } from 'react-i18next'
import { HandIcon } from './icons.tsx'

interface Props {
  canRaiseHand: boolean
  handRaised: boolean
  onHand(raised: boolean): void
  onLeave(): void
}

/** The controls along the bottom: large, labelled, reachable by keyboard. */
export function Toolbar({ canRaiseHand, handRaised, onHand, onLeave }: Props) {
  const { t } = useTranslation()
  return (
    <nav className="toolbar" aria-label={t('toolbar.label')}>
      {canRaiseHand && (
        <button
          type="button"
          aria-pressed={handRaised}
          onClick={() => onHand(!handRaised)}
          className={handRaised ? 'active' : undefined}
        >
          <HandIcon />
          {handRaised ? t('toolbar.lowerHand') : t('toolbar.raiseHand')}
        </button>
      )}
      <button type="button" className="danger" onClick={onLeave}>
        {t('toolbar.leave')}
      </button>
    </nav>
  )
}
