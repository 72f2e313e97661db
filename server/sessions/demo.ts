import type { SessionStore } from '../store/session-store.ts'
import type { CreatedSession, SessionService } from './session-service.ts'
import type { SessionId } from '#common/ids.ts'

const DEMO_KEY = 'demo_session'

/** The demo session printed at start-up: created on first start, the same one afterwards. */
export function ensureDemoSession(sessions: SessionService, store: SessionStore): CreatedSession {
  const existing = store.getSetting(DEMO_KEY)
  if (existing) {
    const session = store.getSession(existing as SessionId)
    if (session && session.endedAt === null) return { session, invites: store.invitesOf(session.id) }
  }
  const created = sessions.create({ title: 'Atrium demo lesson' })
  store.putSetting(DEMO_KEY, created.session.id)
  return created
}
