import { sessionStore } from '../state/session-store.ts'
import { labStore } from '../state/lab-store.ts'
import { labFrame } from '../labs/lab-frame.ts'

/**
 * A small read-only window into the app for tests and support: `window.atrium`.
 * It exposes nothing a participant could not already see on screen.
 */
export const debugHook = {
  frames: 0,
  state() {
    const s = sessionStore.getState()
    return {
      phase: s.phase.kind,
      collab: s.collab.kind,
      participants: s.participants.map((p) => ({ name: p.name, role: p.role, via: p.via })),
    }
  },
  /** The lab as drawn in the last frame: shared clock, each object's transform, and the lab state. */
  lab() {
    const l = labStore.getState()
    const objects: Record<string, { position: number[]; rotation: number[]; visible: boolean }> = {}
    for (const [id, o] of labFrame.objects) {
      objects[id] = { position: [...o.position], rotation: [...o.rotation], visible: o.visible }
    }
    return {
      active: l.active,
      locked: l.locked,
      canWrite: l.canWrite,
      t: labFrame.t,
      frames: labFrame.frames,
      objects,
      vars: { ...l.snapshot.vars },
      clocks: { ...l.snapshot.clocks },
      steps: Object.keys(l.snapshot.steps),
    }
  },
}

declare global {
  interface Window {
    atrium?: typeof debugHook
  }
}

export function installDebugHook(): void {
  window.atrium = debugHook
}
