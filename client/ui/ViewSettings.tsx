import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import { settingsStore, type ViewSettings as Settings } from '../state/settings-store.ts'

const OPTIONS = ['lite', 'largeText', 'audioOnly', 'followTeacher'] as const satisfies readonly (keyof Settings)[]

/** The viewing preferences of this browser: 2D view, large text, audio only. Kept across visits. */
export function ViewSettings({ webgl }: { webgl: boolean }) {
  const { t } = useTranslation()
  const settings = useStore(settingsStore)
  return (
    <details className="view-settings">
      <summary>{t('view.label')}</summary>
      <fieldset>
        <legend className="visually-hidden">{t('view.label')}</legend>
        {OPTIONS.map((key) => {
          // Without WebGL the 2D view is the only one; the box says so rather than pretending.
          const forced = key === 'lite' && !webgl
          return (
            <label key={key}>
              <input
                type="checkbox"
                checked={forced || settings[key]}
                disabled={forced}
                onChange={(e) => settingsStore.setState({ [key]: e.currentTarget.checked })}
              />
              {t(`view.${key}`)}
              <span className="hint">{t(`view.${key}Hint`)}</span>
            </label>
          )
        })}
      </fieldset>
    </details>
  )
}
