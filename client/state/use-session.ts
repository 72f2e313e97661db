import { useStore } from 'zustand'
import { sessionStore, type SessionState } from './session-store.ts'

/** Selector hook over the session store. */
export function useSession<T>(selector: (s: SessionState) => T): T {
  return useStore(sessionStore, selector)
}
