/**
 * "Enter VR" / "Enter AR" buttons, shown only where the browser offers that kind of session. The
 * XR code loads when first needed, so browsers without WebXR never download it.
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

type Mode = 'vr' | 'ar'

async function supported(mode: Mode): Promise<boolean> {
  const xr = (navigator as Navigator & { xr?: XRSystem }).xr
  if (!xr) return false
  return xr.isSessionSupported(mode === 'vr' ? 'immersive-vr' : 'immersive-ar').catch(() => false)
}

export function XrEntry({ onPresenting }: { onPresenting(presenting: boolean): void }) {
  const { t } = useTranslation()
  const [modes, setModes] = useState<Mode[]>([])
  const [presenting, setPresenting] = useState(false)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    let alive = true
    let unsubscribe = () => {}
    void import('./xr-store.ts').then(async ({ xrStore, xrReady }) => {
      await xrReady
      const found = (
        await Promise.all((['vr', 'ar'] as const).map(async (m) => ((await supported(m)) ? m : null)))
      ).filter((m): m is Mode => m !== null)
      if (!alive) return
      setModes(found)
      unsubscribe = xrStore.subscribe((s, prev) => {
        if (!!s.session === !!prev.session) return
        setPresenting(!!s.session)
        onPresenting(!!s.session)
      })
    })
    return () => {
      alive = false
      unsubscribe()
    }
  }, [onPresenting])

  if (modes.length === 0 || presenting) return null
  const enter = (mode: Mode) => {
    setFailed(false)
    void import('./xr-store.ts')
      .then(({ xrStore }) => (mode === 'vr' ? xrStore.enterVR() : xrStore.enterAR()))
      .catch(() => setFailed(true))
  }
  return (
    <>
      {modes.map((m) => (
        <button key={m} type="button" onClick={() => enter(m)}>
          {t(m === 'vr' ? 'xr.enterVR' : 'xr.enterAR')}
        </button>
      ))}
      {failed && <span role="alert">{t('xr.failed')}</span>}
    </>
  )
}
