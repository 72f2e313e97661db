import { sessionStore } from '../state/session-store.ts'
import { playerStore } from '../state/player-store.ts'
import { renderedAvatars } from '../avatars/avatar-registry.ts'
import { boardsDebug } from '../boards/boards-controller.ts'
import { xrStore } from '../xr/xr-store.ts'
import { scriptedXRDevice } from '../xr/scripted-emulator.ts'

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
      participants: s.participants.map((p) => ({ name: p.name, role: p.role, via: p.via, seat: p.seat })),
    }
  },
  /** The avatars drawn in the 3D room and where (metres). */
  avatars() {
    return [...renderedAvatars.values()].map((a) => ({ ...a }))
  },
  /** Where this participant is. */
  player() {
    const { x, z, yaw, seat } = playerStore.getState()
    return { x, z, yaw, seat }
  },
  /** The board in front of this participant: page, items, content and pixel hashes, timings. */
  boards: boardsDebug,
  /** The XR store (with `?xr-emulator`, its emulated headset drives tests). */
  xr: xrStore,
  /** With `?xr-emulator=scripted`: the emulated headset whose controllers tests move. */
  xrDevice: scriptedXRDevice,
}

declare global {
  interface Window {
    atrium?: typeof debugHook
  }
}

export function installDebugHook(): void {
  window.atrium = debugHook
}
