/**
 * Lab step completions as learning records. The client of every participant who sees a guided
 * step completed posts it once; this checks it against the session and the scene package and
 * stores it. `onRecorded` is the hook later features (records export, xAPI) subscribe to.
 */
import type { LabStepRecord, LabStepRecordRequest } from '#common/api/labs.ts'
import type * as Y from 'yjs'
import { AtriumError } from '#common/errors.ts'
import { readLabSnapshot } from '#common/collab/lab-doc.ts'
import type { SessionId } from '#common/ids.ts'
import type { VerifiedToken } from '../../auth/tokens.ts'
import type { SessionService } from '../../sessions/session-service.ts'
import type { SceneCatalog } from '../catalog.ts'
import type { LabStepRow, LabStepStore } from './lab-step-store.ts'

/** How far a completion time may lie in the future (clock skew between server and document writers). */
const FUTURE_SLACK_MS = 60_000
/** How long a record may wait for its completion to arrive in the lab document. */
const DOCUMENT_WAIT_MS = 3000

export type LabStepListener = (record: LabStepRow) => void

/**
 * Reads the live lab document a record claims to come from. When given, a record is accepted only
 * if that document holds the same completion (same time, same completer), so nobody can claim a
 * step the lab never saw. Wire it to the collab server's document registry.
 */
export type LabDocReader = (ref: { sessionId: SessionId; scene: string; group?: string }) => Y.Doc | undefined

export class LabStepService {
  private readonly listeners = new Set<LabStepListener>()

  constructor(
    private readonly deps: {
      store: LabStepStore
      sessions: SessionService
      catalog: SceneCatalog
      labDoc?: LabDocReader
      /**
       * Whether this person may open the group's lab now (members and moderators): a learner gets
       * credit only for steps done in their own group. Wire it to the collab server's rights.
       */
      inGroup?: (who: VerifiedToken, group: string) => boolean
      /** How long a record may wait for its completion to reach the document (default 3 s). */
      documentWaitMs?: number
      now?: () => number
    },
  ) {}

  /** Subscribes to new records (not repeats). Returns an unsubscribe function. */
  onRecorded(listener: LabStepListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Records a completion for the token's participant; `created` is false for a repeat. */
  async record(who: VerifiedToken, req: LabStepRecordRequest): Promise<{ created: boolean }> {
    const now = (this.deps.now ?? Date.now)()
    const session = this.deps.sessions.get(who.sessionId)
    if (session.endedAt !== null) throw AtriumError.forbidden('This session has ended.')
    if (req.scene !== session.scene) {
      throw AtriumError.badRequest(`This session's lab is "${session.scene}".`, [
        { path: 'scene', message: `must be "${session.scene}"` },
      ])
    }
    const lab = this.deps.catalog.get(req.scene)?.scene.lab
    if (!lab?.steps.some((s) => s.id === req.step)) {
      throw AtriumError.badRequest(`The scene "${req.scene}" has no step "${req.step}".`, [
        { path: 'step', message: `must be one of: ${lab?.steps.map((s) => s.id).join(', ') || '(no steps)'}` },
      ])
    }
    if (req.completedAt > now + FUTURE_SLACK_MS || req.completedAt < session.createdAt - FUTURE_SLACK_MS) {
      throw AtriumError.badRequest('The completion time is outside this session.', [
        { path: 'completedAt', message: 'must be a time during this session (ms since the epoch)' },
      ])
    }
    if (req.group !== undefined && this.deps.inGroup && !this.deps.inGroup(who, req.group)) {
      throw AtriumError.forbidden('Only members of that breakout group record its lab steps.')
    }
    await this.checkAgainstDocument(who.sessionId, req)
    const row: LabStepRow = {
      sessionId: who.sessionId,
      identity: who.identity,
      scene: req.scene,
      step: req.step,
      group: req.group ?? null,
      completedAt: req.completedAt,
      completedBy: req.completedBy,
    }
    const created = this.deps.store.add(row, now)
    if (created) for (const l of this.listeners) l(row)
    return { created }
  }

  /**
   * The completing client writes the step to the lab document and posts the record at once, so
   * the post may overtake the document update on its way to the server: wait a little for it.
   */
  private async checkAgainstDocument(sessionId: SessionId, req: LabStepRecordRequest): Promise<void> {
    if (!this.deps.labDoc) return
    const doc = this.deps.labDoc({ sessionId, scene: req.scene, ...(req.group ? { group: req.group } : {}) })
    const holds = () => {
      const done = doc ? readLabSnapshot(doc).steps[req.step] : undefined
      return !!done && Math.round(done.at) === req.completedAt && done.by === req.completedBy
    }
    if (holds()) return
    if (doc) {
      const seen = await new Promise<boolean>((resolve) => {
        const check = () => {
          if (!holds()) return
          finish(true)
        }
        const finish = (ok: boolean) => {
          clearTimeout(timer)
          doc.off('update', check)
          resolve(ok)
        }
        const timer = setTimeout(() => finish(false), this.deps.documentWaitMs ?? DOCUMENT_WAIT_MS)
        doc.on('update', check)
      })
      if (seen) return
    }
    throw AtriumError.forbidden('This step was not completed in the lab; only completions the lab saw are recorded.')
  }

  list(sessionId: SessionId): LabStepRecord[] {
    this.deps.sessions.get(sessionId)
    return this.deps.store.list(sessionId).map((r) => ({
      identity: r.identity,
      name: r.name,
      role: r.role,
      scene: r.scene,
      step: r.step,
      group: r.group,
      completedAt: new Date(r.completedAt).toISOString(),
      completedBy: r.completedBy,
      self: r.completedBy === r.identity,
    }))
  }
}
