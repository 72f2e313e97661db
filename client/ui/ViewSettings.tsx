import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import { settingsStore, type ViewSettings as Settings } from '../state/settings-store.ts'
import { mayUseDeviceLook } from '../world/controls/device-look.ts'

const OPTIONS = [
  'lite',
  'largeText',
  'audioOnly',
  'followTeacher',
  'turnToLook',
] as const satisfies readonly (keyof Settings)[]

/** Turning to look is offered on touch devices that report their orientation. */
const canTurnToLook = () => typeof DeviceOrientationEvent !== 'undefined' && navigator.maxTouchPoints > 0

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
          if (key === 'turnToLook' && !canTurnToLook()) return null
          // Without WebGL the 2D view is the only one; the box says so rather than pretending.
          const forced = key === 'lite' && !webgl
          return (
            <label key={key}>
              <input
                type="checkbox"
                checked={forced || settings[key]}
                disabled={forced}
                onChange={(e) => {
                  const on = e.currentTarget.checked
                  settingsStore.setState({ [key]: on })
                  // iOS asks for permission, and only from inside this tap.
                  if (key === 'turnToLook' && on)
                    void mayUseDeviceLook().then((ok) => ok || settingsStore.setState({ turnToLook: false }))
                }}
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
