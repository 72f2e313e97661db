/**
 * The rights-relevant part of a session's control document, read live: the teacher's locks and
 * breakout groups. Notifies when either changes so open connections can be re-checked.
 */
import * as Y from 'yjs'
import { ControlDoc, LOCK_TARGETS, type LockTarget } from '#common/collab/doc-layout.ts'
import type { SessionControlState } from '../rooms/doc-rights.ts'

export class SessionControl implements SessionControlState {
  private readonly locks: Y.Map<unknown>
  private readonly groups: Y.Map<unknown>
  private readonly hands: Y.Map<unknown>
  private readonly onChange: () => void

  constructor(doc: Y.Doc, onChange: () => void) {
    this.locks = doc.getMap(ControlDoc.locks)
    this.groups = doc.getMap(ControlDoc.groups)
    this.hands = doc.getMap(ControlDoc.handsLowered)
    this.onChange = onChange
    this.locks.observeDeep(this.onChange)
    this.groups.observeDeep(this.onChange)
  }

  isLocked(target: LockTarget): boolean {
    return LOCK_TARGETS.includes(target) && this.locks.get(target) === true
  }

  groupOf(identity: string): string | undefined {
    for (const [id, group] of this.groups) {
      if (!(group instanceof Y.Map)) continue
      const members = group.get('members')
      if (members instanceof Y.Array && members.toArray().includes(identity)) return id
    }
    return undefined
  }

  /** When a moderator last lowered this person's hand, ms since the epoch. */
  handLoweredAt(identity: string): number | undefined {
    const t = this.hands.get(identity)
    return typeof t === 'number' ? t : undefined
  }

  dispose(): void {
    this.locks.unobserveDeep(this.onChange)
    this.groups.unobserveDeep(this.onChange)
  }
}
