/**
 * Creating sessions and joining them: the use cases behind the REST API, kept apart from HTTP so
 * the demo session at start-up and the tests use the same code.
 */
import type { CreateSessionRequest, SessionInfo } from '#common/api/sessions.ts'
import type { JoinResponse, LobbyResponse } from '#common/api/join.ts'
import { AtriumError, ErrorReason } from '#common/errors.ts'
import { docName, type DocRef } from '#common/collab/doc-layout.ts'
import type { InviteCode, SessionId } from '#common/ids.ts'
import { ROLES, type Role } from '#common/roles.ts'
import type { SessionRecord, SessionStore } from '../store/session-store.ts'
import { Audience, type TokenClaims, type TokenService } from '../auth/tokens.ts'
import { roomName, type MediaService } from '../media/media-service.ts'
import type { SceneCatalog } from '../scenes/catalog.ts'
import { DEFAULT_SCENE_ID } from '../scenes/catalog.ts'
import { docAccess } from '../rooms/doc-rights.ts'
import { newInviteCode, newParticipantIdentity, newSessionId } from './id-generator.ts'

export interface SessionServiceDeps {
  store: SessionStore
  tokens: TokenService
  media: MediaService
  catalog: SceneCatalog
  tokenTtlSeconds: number
  /** Distinct people connected to a session right now. */
  presenceCount(sessionId: SessionId): number
  /** Someone was given a token for this media room and connects in a moment. */
  mediaJoinExpected?(room: string): void
  now?: () => number
}

export type JoinOutcome =
  { status: 'admitted'; response: JoinResponse } | { status: 'waiting'; response: LobbyResponse }

export interface CreatedSession {
  session: SessionRecord
  invites: Record<Role, InviteCode>
}

export class SessionService {
  private readonly now: () => number

  constructor(private readonly deps: SessionServiceDeps) {
    this.now = deps.now ?? Date.now
  }

  create(req: CreateSessionRequest): CreatedSession {
    const scene = req.scene ?? DEFAULT_SCENE_ID
    if (!this.deps.catalog.get(scene)) {
      throw AtriumError.badRequest(`There is no scene "${scene}".`, [
        {
          path: 'scene',
          message: `must be one of: ${this.deps.catalog
            .list()
            .map((e) => e.scene.id)
            .join(', ')}`,
        },
      ])
    }
    const session: SessionRecord = {
      id: newSessionId(),
      title: req.title,
      scene: scene as SessionRecord['scene'],
      createdAt: this.now(),
      endedAt: null,
      locked: false,
      waitingRoom: false,
    }
    const invites = Object.fromEntries(ROLES.map((r) => [r, newInviteCode()])) as Record<Role, InviteCode>
    this.deps.store.createSession(session, invites)
    return { session, invites }
  }

  get(id: SessionId): SessionRecord {
    const session = this.deps.store.getSession(id)
    if (!session) throw AtriumError.notFound('There is no session with this id.')
    return session
  }

  info(id: SessionId): SessionInfo {
    const s = this.get(id)
    const participantCount = this.deps.presenceCount(id)
    return {
      id: s.id,
      title: s.title,
      scene: s.scene,
      status: s.endedAt !== null ? 'ended' : participantCount > 0 ? 'live' : 'open',
      participantCount,
      createdAt: new Date(s.createdAt).toISOString(),
    }
  }

  /**
   * Turns an invite into a participant: admitted at once (session, collab and media tokens), or
   * waiting in the lobby when the session has a waiting room.
   */
  async join(
    sessionId: SessionId,
    invite: string,
    name: string,
    urls: { collab: string; media: string },
  ): Promise<JoinOutcome> {
    const session = this.get(sessionId)
    const found = this.deps.store.invite(sessionId, invite.trim().toLowerCase())
    if (!found) throw AtriumError.forbidden('This invite is not valid for this session.', ErrorReason.InviteInvalid)
    if (session.endedAt !== null) throw AtriumError.forbidden('This session has ended.', ErrorReason.SessionEnded)
    const now = this.now()
    if (found.expiresAt !== null && found.expiresAt <= now)
      throw AtriumError.forbidden('This invite has expired.', ErrorReason.InviteExpired)
    const { role } = found
    const privileged = role === 'teacher' || role === 'room'
    if (session.locked && !privileged) throw AtriumError.forbidden('This session is locked.', ErrorReason.SessionLocked)
    const waits = session.waitingRoom && !privileged && role !== 'assistant'
    const identity = newParticipantIdentity()
    this.deps.store.addParticipant({ identity, sessionId, name, role, joinedAt: now }, waits ? 'waiting' : 'admitted')
    const claims: TokenClaims = { sessionId, identity, name, role }
    if (waits) {
      const lobbyToken = await this.deps.tokens.sign(claims, Audience.Lobby, 6 * 3600, now)
      return {
        status: 'waiting',
        response: {
          status: 'waiting',
          participant: { identity, name, role },
          session: { id: session.id, title: session.title },
          lobbyToken,
        },
      }
    }
    return { status: 'admitted', response: await this.credentials(session, claims, urls, now) }
  }

  /** Credentials for an admitted participant (after the lobby, or on refresh). */
  async admittedCredentials(claims: TokenClaims, urls: { collab: string; media: string }): Promise<JoinResponse> {
    const session = this.get(claims.sessionId)
    return this.credentials(session, claims, urls, this.now())
  }

  /**
   * New tokens for someone already in the session (before or when the old ones expire): the same
   * identity, name and role, fresh expiry. Same response shape as a join.
   */
  async refresh(
    sessionId: SessionId,
    sessionToken: string | undefined,
    urls: { collab: string; media: string },
  ): Promise<JoinResponse> {
    const verified = await this.deps.tokens.verify(sessionToken, Audience.Session)
    if (!verified.ok) {
      throw AtriumError.unauthorized(
        verified.reason === 'expired'
          ? 'The session token has expired; join again.'
          : 'A valid session token is required.',
      )
    }
    const t = verified.token
    if (t.sessionId !== sessionId) throw AtriumError.forbidden('This token belongs to another session.')
    const session = this.get(sessionId)
    if (session.endedAt !== null) throw AtriumError.forbidden('This session has ended.', ErrorReason.SessionEnded)
    if (this.deps.store.participantStatus(t.identity)?.status !== 'admitted') {
      throw AtriumError.forbidden('You were removed from this session.', ErrorReason.NotAdmitted)
    }
    return this.credentials(session, t, urls, this.now())
  }

  private async credentials(
    session: SessionRecord,
    claims: TokenClaims,
    urls: { collab: string; media: string },
    now: number,
  ): Promise<JoinResponse> {
    const { sessionId, identity, name, role } = claims
    const ttl = this.deps.tokenTtlSeconds
    const [token, collabToken, mediaToken] = await Promise.all([
      this.deps.tokens.sign(claims, Audience.Session, ttl, now),
      this.deps.tokens.sign(claims, Audience.Collab, ttl, now),
      this.deps.media.mintToken(claims, ttl),
    ])
    this.deps.mediaJoinExpected?.(roomName(sessionId))
    const docs: Record<string, string> = {}
    const who = { role, identity }
    const refs: DocRef[] = [
      { sessionId, kind: 'control' },
      { sessionId, kind: 'boards' },
      { sessionId, kind: 'lab', scene: session.scene },
      { sessionId, kind: 'responses' },
    ]
    for (const ref of refs) {
      if (docAccess(who, ref) !== 'none') docs[ref.kind] = docName(ref)
    }
    return {
      participant: { identity, name, role },
      session: { id: session.id, title: session.title, scene: session.scene },
      token,
      expiresAt: new Date((Math.floor(now / 1000) + ttl) * 1000).toISOString(),
      collab: { url: urls.collab, token: collabToken, docs },
      media: { url: urls.media, token: mediaToken },
    }
  }
}
