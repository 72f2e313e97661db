import type { InviteCode, SessionId } from '#common/ids.ts'
import { ROLES, type Role } from '#common/roles.ts'

/** The link a person opens to join a session with an invite. */
export function joinLink(base: string, sessionId: SessionId, invite: InviteCode): string {
  return `${base}/s/${sessionId}?invite=${invite}`
}

export function joinLinks(base: string, sessionId: SessionId, invites: Record<Role, InviteCode>): Record<Role, string> {
  return Object.fromEntries(ROLES.map((r) => [r, joinLink(base, sessionId, invites[r])])) as Record<Role, string>
}
