import { useEffect, useMemo, useState } from 'react'
import type { Lab } from '#common/scene/lab-schema.ts'
import { createLabRuntime, type LabRuntime } from '#common/scene/lab-runtime.ts'
import { labStore, serverNow } from '../../state/lab-store.ts'

/** Readings refresh this often in the panel: enough to read a stopwatch, calm for screen readers. */
const REFRESH_MS = 250

/**
 * A runtime evaluated at the panel's pace (not per frame): at 4 Hz for clocks, and at once when
 * the lab document changes, so a switch someone flips shows its new state without a lag.
 */
export function useLabValues(lab: Lab): LabRuntime {
  const runtime = useMemo(() => createLabRuntime(lab), [lab])
  const [, setTick] = useState(0)
  useEffect(() => {
    const tick = () => {
      runtime.update(labStore.getState().snapshot, serverNow())
      setTick((n) => n + 1)
    }
    tick()
    const timer = setInterval(tick, REFRESH_MS)
    const unsubscribe = labStore.subscribe((s, prev) => {
      if (s.snapshot !== prev.snapshot) tick()
    })
    return () => {
      clearInterval(timer)
      unsubscribe()
    }
  }, [runtime])
  return runtime
}
