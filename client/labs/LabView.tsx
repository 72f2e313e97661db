import { useMemo } from 'react'
import { useFrame } from '@react-three/fiber'
import { useTranslation } from 'react-i18next'
import type { Lab } from '#common/scene/lab-schema.ts'
import type { Language } from '#common/scene/schema.ts'
import { createLabRuntime, type LabRuntime } from '#common/scene/lab-runtime.ts'
import { labStore, serverNow } from '../state/lab-store.ts'
import type { LabActions } from './lab-actions.ts'
import { LabContext } from './lab-context.ts'
import { labFrame } from './lab-frame.ts'
import { LabObjectView } from './registry.tsx'

/** Runs before every object's frame callback: evaluates the lab once per frame for all of them. */
const LAB_UPDATE_PRIORITY = -10

function LabClock({ runtime }: { runtime: LabRuntime }) {
  useFrame(({ camera }) => {
    runtime.update(labStore.getState().snapshot, serverNow())
    labFrame.camera = camera
    labFrame.t = runtime.slots[0]!
    labFrame.frames++
  }, LAB_UPDATE_PRIORITY)
  return null
}

/** The lab objects of a scene, moving with the shared state and clock. */
export function LabView({ sceneId, lab, actions }: { sceneId: string; lab: Lab; actions: LabActions }) {
  const { i18n } = useTranslation()
  const runtime = useMemo(() => createLabRuntime(lab), [lab])
  const lang: Language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en'
  const value = useMemo(
    () => ({ lab, runtime, actions, assetBase: `/scenes/${encodeURIComponent(sceneId)}/`, lang }),
    [lab, runtime, actions, sceneId, lang],
  )
  return (
    <LabContext.Provider value={value}>
      <LabClock runtime={runtime} />
      <group name="lab">
        {lab.objects.map((o) => (
          <LabObjectView key={o.id} object={o} />
        ))}
      </group>
    </LabContext.Provider>
  )
}
