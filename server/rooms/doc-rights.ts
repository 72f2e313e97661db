/**
 * Who may read and write which document of a session. Pure; the collab server asks it for every
 * connection. Spec: common/protocol/PROTOCOL.md, "Documents and rights".
 */
import type { DocKind } from '#common/collab/doc-layout.ts'
import { isModerator, type Role } from '#common/roles.ts'

export type DocAccess = 'write' | 'read' | 'none'

export function docAccess(role: Role, kind: DocKind): DocAccess {
  switch (kind) {
    case 'control':
      return isModerator(role) ? 'write' : 'read'
    default: {
      const never: never = kind
      return never
    }
  }
}
