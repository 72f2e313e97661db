import { useTranslation } from 'react-i18next'
import { HandIcon } from './icons.tsx'
import type { MediaActions } from '../app/media-controller.ts'
import { MediaControls } from './MediaControls.tsx'

interface Props {
  canRaiseHand: boolean
  handRaised: boolean
  onHand(raised: boolean): void
  onLeave(): void
  media: MediaActions
  /** On-site learners confirm before their microphone goes on. */
  onsite: boolean
  canReact: boolean
}

/** The controls along the bottom: large, labelled, reachable by keyboard. */
export function Toolbar({ canRaiseHand, handRaised, onHand, onLeave, media, onsite, canReact }: Props) {
  const { t } = useTranslation()
  return (
    <nav className="toolbar" aria-label={t('toolbar.label')}>
      <MediaControls actions={media} onsite={onsite} canReact={canReact} onReact={media.react} />
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
