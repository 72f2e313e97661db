/**
 * Breakout groups as the server sees them, read from the control document (moderators' clients
 * write them there): who is in which group, whether breakouts are open, and so which media room
 * each person belongs in. Groups get their own LiveKit rooms, so members hear only their group.
 */
import { AtriumError } from '#common/errors.ts'
import type { SessionId } from '#common/ids.ts'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import {
  groupOf,
  LessonSettings,
  readGroups,
  type Broadcast,
  type BreakoutGroup,
} from '#common/collab/lesson-control.ts'
import { copyGroupBoards } from '#common/collab/board-copy.ts'
import { isModerator, type Role } from '#common/roles.ts'
import { SERVER_ORIGIN, type CollabServer } from '../collab/collab-server.ts'
import { groupRoomName, roomName } from '../media/media-service.ts'

export class Breakouts {
  constructor(private readonly collab: CollabServer) {}

  state(sessionId: SessionId): { open: boolean; groups: BreakoutGroup[] } {
    const doc = this.collab.read({ sessionId, kind: 'control' })
    return {
      open: doc.getMap(ControlDoc.settings).get(LessonSettings.breakoutsOpen) === true,
      groups: readGroups(doc),
    }
  }

  /**
   * Calls everyone back to the main room: each group's written pages are copied to the end of the
   * main room's boards first, so nothing a group made is out of reach when they arrive.
   */
  async callBack(sessionId: SessionId): Promise<number> {
    let copied = 0
    for (const group of this.state(sessionId).groups) {
      const source = this.collab.read({ sessionId, kind: 'boards', group: group.id })
      await this.collab.write({ sessionId, kind: 'boards' }, (doc) => {
        copied += copyGroupBoards(doc, source, group.id, SERVER_ORIGIN)
      })
    }
    await this.collab.write({ sessionId, kind: 'control' }, (doc) =>
      doc.getMap(ControlDoc.settings).set(LessonSettings.breakoutsOpen, false),
    )
    return copied
  }

  /** Shows `text` to everyone, in every group, as from `from`. */
  async broadcast(sessionId: SessionId, text: string, from: string): Promise<void> {
    const message: Broadcast = { text, from, at: Date.now() }
    await this.collab.write({ sessionId, kind: 'control' }, (doc) =>
      doc.getMap(ControlDoc.settings).set(LessonSettings.broadcast, message),
    )
  }

  /** The session's media rooms: the main one, then each group's. */
  rooms(sessionId: SessionId): string[] {
    return [roomName(sessionId), ...this.state(sessionId).groups.map((g) => groupRoomName(sessionId, g.id))]
  }

  /**
   * Where someone's audio and video belong now. Learners: their group's room while breakouts are
   * open, else the main room; asking for another group is refused. Moderators: the group they
   * ask to visit (which must exist), else the main room.
   */
  mediaPlace(
    sessionId: SessionId,
    who: { identity: string; role: Role },
    visit: string | undefined,
  ): { room: string; group: string | null } {
    const { open, groups } = this.state(sessionId)
    if (isModerator(who.role)) {
      if (visit === undefined) return { room: roomName(sessionId), group: null }
      if (!groups.some((g) => g.id === visit)) throw AtriumError.notFound(`There is no group "${visit}".`)
      return { room: groupRoomName(sessionId, visit), group: visit }
    }
    const own = open ? groupOf(groups, who.identity) : undefined
    if (visit !== undefined && visit !== own) throw AtriumError.forbidden('You may join only your own group.')
    return own ? { room: groupRoomName(sessionId, own), group: own } : { room: roomName(sessionId), group: null }
  }
}
