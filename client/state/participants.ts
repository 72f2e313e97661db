import type { Presence } from '#common/collab/presence.ts'
import type { Role } from '#common/roles.ts'

/** How someone joined, as the participant list shows it. */
export type JoinedVia = 'browser' | 'headset' | 'onsite' | 'onsite-headset'

export interface Participant {
  identity: string
  name: string
  role: Role
  via: JoinedVia
  handRaisedAt: number | undefined
  seat: string | undefined
}

const roleRank: Record<Role, number> = { teacher: 0, assistant: 1, room: 2, learner: 3, onsite: 3, observer: 4 }

function via(p: Presence): JoinedVia {
  if (p.place === 'onsite') return p.device === 'headset' ? 'onsite-headset' : 'onsite'
  return p.device
}

/**
 * One entry per person (several tabs of one identity merge), teacher first, then by name.
 * Pure, so the list logic is tested without a network.
 */
export function toParticipants(states: readonly Presence[]): Participant[] {
  const byIdentity = new Map<string, Participant>()
  for (const s of states) {
    const prev = byIdentity.get(s.user.identity)
    const next: Participant = {
      identity: s.user.identity,
      name: s.user.name,
      role: s.user.role,
      via: via(s),
      handRaisedAt: s.handRaisedAt,
      seat: s.seat,
    }
    if (prev) {
      if (prev.via.endsWith('headset')) next.via = prev.via
      next.handRaisedAt = prev.handRaisedAt ?? next.handRaisedAt
      next.seat = prev.seat ?? next.seat
    }
    byIdentity.set(s.user.identity, next)
  }
  return [...byIdentity.values()].sort(
    (a, b) =>
      roleRank[a.role] - roleRank[b.role] || a.name.localeCompare(b.name) || a.identity.localeCompare(b.identity),
  )
}

/** People with a hand up, the earliest first (the order the teacher calls on them). */
export function raisedHands(participants: readonly Participant[]): Participant[] {
  return participants.filter((p) => p.handRaisedAt !== undefined).sort((a, b) => a.handRaisedAt! - b.handRaisedAt!)
}
