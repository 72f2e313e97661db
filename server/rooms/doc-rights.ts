/**
 * Who may read and write which document of a session. Pure; the collab server asks it when a
 * socket opens and again for every write, because locks and groups change during a lesson.
 * Spec: common/protocol/PROTOCOL.md, "Documents and rights".
 */
import type { DocRef, LockTarget } from '#common/collab/doc-layout.ts'
import { isModerator, type Role } from '#common/roles.ts'

export type DocAccess = 'write' | 'read' | 'none'

/** What the rights depend on besides the role: the teacher's locks and breakout groups. */
export interface SessionControlState {
  isLocked(target: LockTarget): boolean
  /** The breakout group a participant is in, if any. */
  groupOf(identity: string): string | undefined
}

export const NO_CONTROL_STATE: SessionControlState = { isLocked: () => false, groupOf: () => undefined }

/** Roles that draw on boards and use labs. The room device shows them; observers watch. */
const participates = (role: Role) => role !== 'room' && role !== 'observer'

export function docAccess(
  who: { role: Role; identity: string },
  doc: DocRef,
  control: SessionControlState = NO_CONTROL_STATE,
): DocAccess {
  const moderator = isModerator(who.role)
  switch (doc.kind) {
    case 'control':
      return moderator ? 'write' : 'read'
    case 'responses':
      // Answers are written by the server on a learner's behalf; only moderators read them all.
      return moderator ? 'read' : 'none'
    case 'boards':
    case 'lab': {
      if (doc.group !== undefined) {
        if (moderator) return 'write'
        if (control.groupOf(who.identity) !== doc.group) return 'none'
      }
      if (moderator) return 'write'
      if (!participates(who.role)) return 'read'
      return control.isLocked(doc.kind) ? 'read' : 'write'
    }
  }
}
