import type { Db } from './database.ts'
import type { InviteCode, ParticipantIdentity, SceneId, SessionId } from '#common/ids.ts'
import { ROLES, type Role } from '#common/roles.ts'

export interface SessionRecord {
  id: SessionId
  title: string
  scene: SceneId
  createdAt: number
  endedAt: number | null
  /** No new participants (but teachers and the room device) may join. */
  locked: boolean
  /** New learners and observers wait in the lobby until a moderator admits them. */
  waitingRoom: boolean
}

export const PARTICIPANT_STATUSES = ['admitted', 'waiting', 'denied', 'removed'] as const
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number]

export interface InviteInfo {
  role: Role
  code: InviteCode
  expiresAt: number | null
}

export interface ParticipantRecord {
  identity: ParticipantIdentity
  sessionId: SessionId
  name: string
  role: Role
  joinedAt: number
}

interface SessionRow {
  id: string
  title: string
  scene: string
  created_at: number
  ended_at: number | null
  locked: number
  waiting_room: number
}

const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id as SessionId,
  title: r.title,
  scene: r.scene as SceneId,
  createdAt: r.created_at,
  endedAt: r.ended_at,
  locked: r.locked === 1,
  waitingRoom: r.waiting_room === 1,
})

/** Sessions, their invites and their participants, in SQLite. */
export class SessionStore {
  private readonly stmts

  constructor(private readonly db: Db) {
    this.stmts = {
      insertSession: db.prepare(
        'INSERT INTO sessions (id, title, scene, created_at) VALUES (@id, @title, @scene, @createdAt)',
      ),
      insertInvite: db.prepare('INSERT INTO invites (code, session_id, role, created_at) VALUES (?, ?, ?, ?)'),
      getSession: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
      invitesOf: db.prepare<[string], { code: string; role: string }>(
        'SELECT code, role FROM invites WHERE session_id = ?',
      ),
      inviteRole: db.prepare<[string, string], { role: string; expires_at: number | null }>(
        'SELECT role, expires_at FROM invites WHERE code = ? AND session_id = ?',
      ),
      inviteInfo: db.prepare<[string], { role: string; code: string; expires_at: number | null }>(
        'SELECT role, code, expires_at FROM invites WHERE session_id = ?',
      ),
      rotateInvite: db.prepare('UPDATE invites SET code = ?, expires_at = NULL WHERE session_id = ? AND role = ?'),
      expireInvite: db.prepare('UPDATE invites SET expires_at = ? WHERE session_id = ? AND role = ?'),
      updateSession: db.prepare(
        'UPDATE sessions SET title = @title, scene = @scene, locked = @locked, waiting_room = @waitingRoom, ended_at = @endedAt WHERE id = @id',
      ),
      setStatus: db.prepare('UPDATE participants SET status = ? WHERE identity = ?'),
      statusOf: db.prepare<[string], { status: string; session_id: string }>(
        'SELECT status, session_id FROM participants WHERE identity = ?',
      ),
      insertParticipant: db.prepare(
        'INSERT INTO participants (identity, session_id, name, role, joined_at, status) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      participant: db.prepare<
        [string],
        { identity: string; session_id: string; name: string; role: string; joined_at: number }
      >('SELECT * FROM participants WHERE identity = ?'),
      participantsOf: db.prepare<
        [string],
        { identity: string; session_id: string; name: string; role: string; joined_at: number }
      >('SELECT * FROM participants WHERE session_id = ? ORDER BY joined_at, rowid'),
      getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      putSetting: db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
    }
  }

  /** Creates a session with one invite per role, in one transaction. */
  createSession(session: SessionRecord, invites: Record<Role, InviteCode>): void {
    this.db.transaction(() => {
      this.stmts.insertSession.run({
        id: session.id,
        title: session.title,
        scene: session.scene,
        createdAt: session.createdAt,
      })
      for (const role of ROLES) this.stmts.insertInvite.run(invites[role], session.id, role, session.createdAt)
    })()
  }

  getSession(id: SessionId): SessionRecord | undefined {
    const row = this.stmts.getSession.get(id)
    return row ? toSession(row) : undefined
  }

  invitesOf(id: SessionId): Record<Role, InviteCode> {
    const out = {} as Record<Role, InviteCode>
    for (const r of this.stmts.invitesOf.all(id)) out[r.role as Role] = r.code as InviteCode
    return out
  }

  /** The role an invite grants in this session and its expiry; `undefined` when the code is not one of its invites. */
  invite(sessionId: SessionId, code: string): { role: Role; expiresAt: number | null } | undefined {
    const r = this.stmts.inviteRole.get(code, sessionId)
    return r ? { role: r.role as Role, expiresAt: r.expires_at } : undefined
  }

  /** The role an invite grants in this session, or `undefined` when the code is not one of its invites. */
  roleForInvite(sessionId: SessionId, code: string): Role | undefined {
    return this.invite(sessionId, code)?.role
  }

  inviteInfo(sessionId: SessionId): InviteInfo[] {
    return this.stmts.inviteInfo.all(sessionId).map((r) => ({
      role: r.role as Role,
      code: r.code as InviteCode,
      expiresAt: r.expires_at,
    }))
  }

  /** Gives a role's invite a new code: links with the old one stop working. */
  rotateInvite(sessionId: SessionId, role: Role, code: InviteCode): void {
    this.stmts.rotateInvite.run(code, sessionId, role)
  }

  setInviteExpiry(sessionId: SessionId, role: Role, expiresAt: number | null): void {
    this.stmts.expireInvite.run(expiresAt, sessionId, role)
  }

  updateSession(s: SessionRecord): void {
    this.stmts.updateSession.run({
      id: s.id,
      title: s.title,
      scene: s.scene,
      locked: s.locked ? 1 : 0,
      waitingRoom: s.waitingRoom ? 1 : 0,
      endedAt: s.endedAt,
    })
  }

  setParticipantStatus(identity: string, status: ParticipantStatus): void {
    this.stmts.setStatus.run(status, identity)
  }

  participantStatus(identity: string): { status: ParticipantStatus; sessionId: SessionId } | undefined {
    const r = this.stmts.statusOf.get(identity)
    return r ? { status: r.status as ParticipantStatus, sessionId: r.session_id as SessionId } : undefined
  }

  addParticipant(p: ParticipantRecord, status: ParticipantStatus = 'admitted'): void {
    this.stmts.insertParticipant.run(p.identity, p.sessionId, p.name, p.role, p.joinedAt, status)
  }

  participant(identity: string): ParticipantRecord | undefined {
    const r = this.stmts.participant.get(identity)
    return r
      ? {
          identity: r.identity as ParticipantIdentity,
          sessionId: r.session_id as SessionId,
          name: r.name,
          role: r.role as Role,
          joinedAt: r.joined_at,
        }
      : undefined
  }

  participantsOf(sessionId: SessionId): ParticipantRecord[] {
    return this.stmts.participantsOf.all(sessionId).map((r) => ({
      identity: r.identity as ParticipantIdentity,
      sessionId: r.session_id as SessionId,
      name: r.name,
      role: r.role as Role,
      joinedAt: r.joined_at,
    }))
  }

  /** Whether the database is open (readiness). */
  get isOpen(): boolean {
    return this.db.open
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  getSetting(key: string): string | undefined {
    return this.stmts.getSetting.get(key)?.value
  }

  putSetting(key: string, value: string): void {
    this.stmts.putSetting.run(key, value)
  }
}
