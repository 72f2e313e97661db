/**
 * The live lab of this browser: a validated snapshot of the lab document, whether the teacher
 * locked it, and whether this participant may change it. The app wiring sets it once per Yjs
 * transaction; the 3D view reads it with getState() inside useFrame, the panel through selectors.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { EMPTY_LAB_SNAPSHOT, type LabSnapshot } from '#common/collab/lab-doc.ts'

export interface LabState {
  /** Whether a lab document is open (the session's scene has a lab). */
  active: boolean
  snapshot: LabSnapshot
  locked: boolean
  /** True when this participant may change the lab now (role and lock). */
  canWrite: boolean
  /** Teacher and assistants reset and lock. */
  canModerate: boolean
  /** The last step completion seen, for the screen-reader announcement. */
  lastCompleted: { stepId: string; name: string } | undefined
}

export const labStore = createStore<LabState>(() => ({
  active: false,
  snapshot: EMPTY_LAB_SNAPSHOT,
  locked: false,
  canWrite: false,
  canModerate: false,
  lastCompleted: undefined,
}))

export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(labStore, selector)
}

/** Server time estimate: `Date.now() + offset`, the offset measured by the app at join. */
let serverOffsetMs = 0
export function setServerOffset(ms: number): void {
  serverOffsetMs = ms
}
/** Milliseconds since the epoch on the server's clock; the shared lab clock is read against it. */
export function serverNow(): number {
  return Date.now() + serverOffsetMs
}
