import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Lab } from '#common/scene/lab-schema.ts'
import type { LabRuntime } from '#common/scene/lab-runtime.ts'
import type { Language } from '#common/scene/schema.ts'
import { pickText } from '#common/scene/text.ts'
import type { LabActions } from '../../labs/lab-actions.ts'
import { useLab } from '../../state/lab-store.ts'

/**
 * Every variable as a keyboard-friendly input, every button as a button, every timer and
 * spawner with its actions: the whole lab works without the 3D view.
 */
export function LabControls({
  lab,
  lang,
  runtime,
  actions,
}: {
  lab: Lab
  lang: Language
  runtime: LabRuntime
  actions: LabActions
}) {
  const { t } = useTranslation()
  const headingId = useId()
  const canWrite = useLab((s) => s.canWrite)
  const spawned = useLab((s) => s.snapshot.spawned)
  const onChangeOf = (id: string) => {
    const control = lab.objects.find((o) => (o.kind === 'slider' || o.kind === 'dial') && o.variable === id)
    return control && (control.kind === 'slider' || control.kind === 'dial') ? control.onChange : undefined
  }
  return (
    <section className="lab-controls" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('lab.controls')}</h3>
      {lab.variables.map((v) => {
        const label = pickText(v.label, lang)
        const value = runtime.read(v.id)
        if (v.type === 'boolean') {
          return (
            <label key={v.id} className="lab-toggle">
              <input
                type="checkbox"
                role="switch"
                checked={value !== 0}
                disabled={!canWrite}
                onChange={(e) => actions.setVariable(v.id, e.target.checked)}
              />
              {label}
            </label>
          )
        }
        const shown = `${Number(value.toFixed(6))}${v.unit ? ` ${v.unit}` : ''}`
        return (
          <label key={v.id} className="lab-range">
            <span>
              {label}: <output data-var={v.id}>{shown}</output>
            </span>
            <input
              type="range"
              min={v.min}
              max={v.max}
              step={v.step ?? (v.max - v.min) / 100}
              value={value}
              // Named explicitly: the live <output> inside the label keeps browsers from naming it.
              aria-label={label}
              aria-valuetext={shown}
              disabled={!canWrite}
              onChange={(e) => actions.setVariable(v.id, Number(e.target.value), onChangeOf(v.id))}
            />
          </label>
        )
      })}
      <div className="lab-buttons">
        {lab.objects.map((o) => {
          switch (o.kind) {
            case 'button':
              return (
                <button key={o.id} type="button" disabled={!canWrite} onClick={() => actions.run(o.actions)}>
                  {pickText(o.label, lang)}
                </button>
              )
            case 'timer': {
              const running = runtime.read(`${o.id}_running`) !== 0
              return (
                <div key={o.id} className="lab-timer" role="group" aria-label={pickText(o.label, lang)}>
                  <span>
                    {pickText(o.label, lang)}:{' '}
                    <output data-timer={o.id}>{runtime.read(o.id).toFixed(o.decimals)} s</output>
                    {running && ` (${t('lab.running')})`}
                  </span>
                  <button
                    type="button"
                    disabled={!canWrite}
                    onClick={() => actions.timer(o.id, running ? 'stop' : 'start')}
                  >
                    {running ? t('lab.stop') : t('lab.start')}
                  </button>
                  <button type="button" disabled={!canWrite} onClick={() => actions.timer(o.id, 'reset')}>
                    {t('lab.resetTimer')}
                  </button>
                </div>
              )
            }
            case 'spawner': {
              const count = Object.values(spawned).filter((s) => s.spawner === o.id).length
              return (
                <button
                  key={o.id}
                  type="button"
                  disabled={!canWrite || count >= o.max}
                  onClick={() => actions.spawn(o.id)}
                >
                  {pickText(o.label, lang)} ({t('lab.placed', { count })})
                </button>
              )
            }
            default:
              return null
          }
        })}
      </div>
    </section>
  )
}
