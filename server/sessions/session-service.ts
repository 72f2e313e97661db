/**
 * Creating sessions and joining them: the use cases behind the REST API, kept apart from HTTP so
 * the demo session at start-up and the tests use the same code.
 */
import type { CreateSessionRequest, SessionInfo } from '#common/api/sessions.ts'
import type { JoinResponse } from '#common/api/join.ts'
import { AtriumError } from '#common/errors.ts'
import { docName, type DocRef } from '#common/collab/doc-layout.ts'
import type { InviteCode, SessionId } from '#common/ids.ts'
import { ROLES, type Role } from '#common/roles.ts'
import type { SessionRecord, SessionStore } from '../store/session-store.ts'
import { Audience, type TokenClaims, type TokenService } from '../auth/tokens.ts'
import type { MediaService } from '../media/media-service.ts'
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
  now?: () => number
}

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

  /** Turns an invite into a participant with session, collab and media tokens. */
  async join(
    sessionId: SessionId,
    invite: string,
    name: string,
    urls: { collab: string; media: string },
  ): Promise<JoinResponse> {
    const session = this.get(sessionId)
    const role = this.deps.store.roleForInvite(sessionId, invite.trim().toLowerCase())
    if (!role) throw AtriumError.forbidden('This invite is not valid for this session.')
    if (session.endedAt !== null) throw AtriumError.forbidden('This session has ended.')
    const now = this.now()
    const identity = newParticipantIdentity()
    this.deps.store.addParticipant({ identity, sessionId, name, role, joinedAt: now })
    const claims: TokenClaims = { sessionId, identity, name, role }
    const ttl = this.deps.tokenTtlSeconds
    const [token, collabToken, mediaToken] = await Promise.all([
      this.deps.tokens.sign(claims, Audience.Session, ttl, now),
      this.deps.tokens.sign(claims, Audience.Collab, ttl, now),
      this.deps.media.mintToken(claims, ttl),
    ])
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
