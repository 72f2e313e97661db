import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Lab } from '#common/scene/lab-schema.ts'
import type { Language } from '#common/scene/schema.ts'
import { pickText } from '#common/scene/text.ts'
import { useLab } from '../../state/lab-store.ts'

/** The guided steps: done ones with who did them, the current one with its instructions. */
export function LabSteps({ lab, lang }: { lab: Lab; lang: Language }) {
  const { t } = useTranslation()
  const headingId = useId()
  const steps = useLab((s) => s.snapshot.steps)
  const last = useLab((s) => s.lastCompleted)
  const current = lab.steps.findIndex((s) => !steps[s.id])
  const lastStep = last && lab.steps.find((s) => s.id === last.stepId)
  if (lab.steps.length === 0) return null
  return (
    <section className="lab-steps" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('lab.steps')}</h3>
      <ol data-testid="lab-steps">
        {lab.steps.map((step, i) => {
          const done = steps[step.id]
          const state = done ? 'done' : i === current ? 'current' : 'upcoming'
          return (
            <li
              key={step.id}
              data-step={step.id}
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="step-title">{pickText(step.title, lang)}</span>{' '}
              <span className="step-state">
                {done
                  ? t('lab.stepDone', { name: done.name })
                  : state === 'current'
                    ? t('lab.stepCurrent')
                    : t('lab.stepUpcoming')}
              </span>
              {state === 'current' && <p className="step-instructions">{pickText(step.instructions, lang)}</p>}
            </li>
          )
        })}
      </ol>
      {current < 0 && <p>{t('lab.allDone')}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {lastStep ? t('lab.completed', { title: pickText(lastStep.title, lang) }) : ''}
      </p>
    </section>
  )
}
