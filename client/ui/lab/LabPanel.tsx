import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Scene, Language } from '#common/scene/schema.ts'
import type { LabActions } from '../../labs/lab-actions.ts'
import { useLab } from '../../state/lab-store.ts'
import { LabSteps } from './LabSteps.tsx'
import { LabControls } from './LabControls.tsx'
import { LabReadings } from './LabReadings.tsx'
import { useLabValues } from './use-lab-values.ts'

/** The lab beside the 3D view: steps, controls, readings, and for moderators reset and lock. */
export function LabPanel({ scene, actions }: { scene: Scene; actions: LabActions }) {
  const { t, i18n } = useTranslation()
  const headingId = useId()
  const lang: Language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en'
  const lab = scene.lab!
  const runtime = useLabValues(lab)
  const { active, locked, canWrite, canModerate } = useLab((s) => s)
  if (!active) return null
  return (
    <section className="lab-panel" aria-labelledby={headingId} data-testid="lab-panel">
      <h2 id={headingId}>{t('lab.title')}</h2>
      {locked && <p className="lab-locked">{canModerate ? t('lab.lockedModerator') : t('lab.locked')}</p>}
      {!locked && !canWrite && <p>{t('lab.watching')}</p>}
      {canModerate && (
        <div className="lab-moderation">
          <button type="button" onClick={() => actions.reset()}>
            {t('lab.reset')}
          </button>
          <button type="button" aria-pressed={locked} onClick={() => actions.setLocked(!locked)}>
            {locked ? t('lab.unlock') : t('lab.lock')}
          </button>
        </div>
      )}
      <LabSteps lab={lab} lang={lang} />
      <LabReadings lab={lab} lang={lang} runtime={runtime} />
      <LabControls lab={lab} lang={lang} runtime={runtime} actions={actions} />
    </section>
  )
}
