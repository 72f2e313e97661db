/**
 * What moderators do to a session as a whole: its settings (title, scene, lock, waiting room),
 * its invites, its lobby, removing someone, ending it. Every change is mirrored into the control
 * document so every client sees it at once.
 */
import { EventEmitter } from 'node:events'
import { AtriumError, ErrorReason } from '#common/errors.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import type { SessionId } from '#common/ids.ts'
import type { Role } from '#common/roles.ts'
import { CloseCode } from '#common/protocol/close-codes.ts'
import type { UpdateSessionRequest } from '#common/api/moderation.ts'
import type { CollabServer } from '../collab/collab-server.ts'
import type { SceneCatalog } from '../scenes/catalog.ts'
import type { ParticipantStatus, SessionRecord, SessionStore } from '../store/session-store.ts'
import type { SessionService } from './session-service.ts'
import { newInviteCode } from './id-generator.ts'

export class Moderation {
  private readonly statusChanged = new EventEmitter()

  constructor(
    private readonly store: SessionStore,
    private readonly sessions: SessionService,
    private readonly collab: CollabServer,
    private readonly catalog: SceneCatalog,
    private readonly now: () => number = Date.now,
  ) {
    this.statusChanged.setMaxListeners(0)
  }

  private async mirror(session: SessionRecord): Promise<void> {
    await this.collab.write({ sessionId: session.id, kind: 'control' }, (doc) => {
      const settings = doc.getMap(ControlDoc.settings)
      settings.set('title', session.title)
      settings.set('scene', session.scene)
      settings.set('locked', session.locked)
      settings.set('waitingRoom', session.waitingRoom)
      if (session.endedAt !== null) settings.set('endedAt', session.endedAt)
    })
  }

  async update(id: SessionId, patch: UpdateSessionRequest): Promise<SessionRecord> {
    const session = this.sessions.get(id)
    if (session.endedAt !== null) throw AtriumError.forbidden('This session has ended.', ErrorReason.SessionEnded)
    if (patch.scene !== undefined && !this.catalog.get(patch.scene)) {
      throw AtriumError.badRequest(`There is no scene "${patch.scene}".`, [
        { path: 'scene', message: 'must be a scene of the catalog' },
      ])
    }
    const next: SessionRecord = {
      ...session,
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.scene !== undefined ? { scene: patch.scene } : {}),
      ...(patch.locked !== undefined ? { locked: patch.locked } : {}),
      ...(patch.waitingRoom !== undefined ? { waitingRoom: patch.waitingRoom } : {}),
    }
    this.store.updateSession(next)
    await this.mirror(next)
    // Turning the waiting room off lets everyone waiting in.
    if (session.waitingRoom && !next.waitingRoom) await this.admitAll(id)
    return next
  }

  async end(id: SessionId): Promise<void> {
    const session = this.sessions.get(id)
    if (session.endedAt !== null) return
    const ended = { ...session, endedAt: this.now() }
    this.store.updateSession(ended)
    await this.mirror(ended)
    this.collab.closeSession(id, CloseCode.NotFound, 'the session has ended')
  }

  rotateInvite(id: SessionId, role: Role): void {
    this.sessions.get(id)
    this.store.rotateInvite(id, role, newInviteCode())
  }

  setInviteExpiry(id: SessionId, role: Role, expiresAt: number | null): void {
    this.sessions.get(id)
    this.store.setInviteExpiry(id, role, expiresAt)
  }

  /** Someone joined while the waiting room is on: show them to the moderators. */
  async enterLobby(id: SessionId, p: { identity: string; name: string; role: string }): Promise<void> {
    await this.collab.write({ sessionId: id, kind: 'control' }, (doc) =>
      doc.getMap(ControlDoc.lobby).set(p.identity, { name: p.name, role: p.role, since: this.now() }),
    )
  }

  private async decide(id: SessionId, identities: string[], status: ParticipantStatus): Promise<number> {
    let n = 0
    for (const identity of identities) {
      const current = this.store.participantStatus(identity)
      if (!current || current.sessionId !== id || current.status !== 'waiting') continue
      this.store.setParticipantStatus(identity, status)
      this.statusChanged.emit(identity, status)
      n++
    }
    await this.collab.write({ sessionId: id, kind: 'control' }, (doc) => {
      const lobby = doc.getMap(ControlDoc.lobby)
      for (const identity of identities) lobby.delete(identity)
    })
    return n
  }

  async admit(id: SessionId, identity: string): Promise<void> {
    if ((await this.decide(id, [identity], 'admitted')) === 0)
      throw AtriumError.notFound('Nobody with this id is waiting.')
  }

  async deny(id: SessionId, identity: string): Promise<void> {
    if ((await this.decide(id, [identity], 'denied')) === 0)
      throw AtriumError.notFound('Nobody with this id is waiting.')
  }

  async admitAll(id: SessionId): Promise<number> {
    const waiting = this.store
      .participantsOf(id)
      .filter((p) => this.store.participantStatus(p.identity)?.status === 'waiting')
      .map((p) => p.identity)
    return this.decide(id, waiting, 'admitted')
  }

  /** Resolves with the person's status once it is no longer `waiting`, or after `timeoutMs`. */
  wait(identity: string, timeoutMs: number): Promise<ParticipantStatus> {
    const now = this.store.participantStatus(identity)?.status ?? 'denied'
    if (now !== 'waiting') return Promise.resolve(now)
    return new Promise((resolve) => {
      const done = (status: ParticipantStatus) => {
        clearTimeout(timer)
        this.statusChanged.off(identity, done)
        resolve(status)
      }
      const timer = setTimeout(() => done('waiting'), timeoutMs)
      this.statusChanged.on(identity, done)
    })
  }

  /** Removes someone: their sockets close (4403) and their tokens stop working. */
  async remove(id: SessionId, identity: string): Promise<void> {
    const current = this.store.participantStatus(identity)
    if (!current || current.sessionId !== id)
      throw AtriumError.notFound('There is no such participant in this session.')
    this.store.setParticipantStatus(identity, 'removed')
    this.statusChanged.emit(identity, 'removed')
    this.collab.disconnect(id, identity, CloseCode.Forbidden, 'removed by the teacher')
    await this.collab.write({ sessionId: id, kind: 'control' }, (doc) => doc.getMap(ControlDoc.lobby).delete(identity))
  }
}
