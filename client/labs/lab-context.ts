import { createContext, useContext } from 'react'
import type { Lab } from '#common/scene/lab-schema.ts'
import type { LabRuntime } from '#common/scene/lab-runtime.ts'
import type { Language } from '#common/scene/schema.ts'
import type { LabActions } from './lab-actions.ts'

/** What every lab object renderer needs: the shared runtime (updated once per frame), actions, files. */
export interface LabContextValue {
  lab: Lab
  runtime: LabRuntime
  actions: LabActions
  /** Base URL of the scene package's files, e.g. `/scenes/pendulum/`. */
  assetBase: string
  lang: Language
}

export const LabContext = createContext<LabContextValue | null>(null)

export function useLabContext(): LabContextValue {
  const v = useContext(LabContext)
  if (!v) throw new Error('labs: lab objects render only inside <LabView>')
  return v
}
