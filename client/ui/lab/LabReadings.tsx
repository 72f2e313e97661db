import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Lab } from '#common/scene/lab-schema.ts'
import type { LabRuntime } from '#common/scene/lab-runtime.ts'
import type { Language } from '#common/scene/schema.ts'
import { pickText } from '#common/scene/text.ts'

function format(value: number, decimals: number, unit: string): string {
  if (!Number.isFinite(value)) return '—'
  return `${value.toFixed(decimals)}${unit ? ` ${unit}` : ''}`
}

/** The readouts and meters of the lab as text, refreshed with the panel. */
export function LabReadings({ lab, lang, runtime }: { lab: Lab; lang: Language; runtime: LabRuntime }) {
  const { t } = useTranslation()
  const headingId = useId()
  const readings = useMemo(
    () =>
      lab.objects.flatMap((o) =>
        o.kind === 'readout' || o.kind === 'probe'
          ? [
              {
                id: o.id,
                label: o.label,
                unit: o.unit,
                decimals: o.decimals,
                value: runtime.compile(o.value, 'number'),
              },
            ]
          : [],
      ),
    [lab, runtime],
  )
  if (readings.length === 0) return null
  return (
    <section className="lab-readings" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('lab.readings')}</h3>
      <dl data-testid="lab-readings">
        {readings.map((r) => (
          <div key={r.id}>
            <dt>{pickText(r.label, lang) || r.id}</dt>
            <dd data-reading={r.id}>{format(r.value(runtime.slots), r.decimals, r.unit)}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
