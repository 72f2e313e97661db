import { sessionStore } from '../state/session-store.ts'

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
}

declare global {
  interface Window {
    atrium?: typeof debugHook
  }
}

export function installDebugHook(): void {
  window.atrium = debugHook
}
