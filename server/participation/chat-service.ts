/** Chat: a message is appended to the control document by the server and recorded. */
import { nanoid } from 'nanoid'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import type { ChatMessage } from '#common/api/chat.ts'
import type { SessionId } from '#common/ids.ts'
import type { CollabServer } from '../collab/collab-server.ts'
import type { LearningRecorder } from '../records/recorder.ts'

export class ChatService {
  constructor(
    private readonly collab: CollabServer,
    private readonly recorder: LearningRecorder,
    private readonly now: () => number = Date.now,
  ) {}

  async post(
    sessionId: SessionId,
    who: { identity: string; name: string; role: string },
    text: string,
  ): Promise<ChatMessage> {
    const message: ChatMessage = {
      id: nanoid(10),
      identity: who.identity,
      name: who.name,
      role: who.role,
      text,
      at: this.now(),
    }
    this.recorder.record(sessionId, who.identity, { kind: 'chat_message', text })
    await this.collab.write({ sessionId, kind: 'control' }, (doc) =>
      doc.getArray<ChatMessage>(ControlDoc.chat).push([message]),
    )
    return message
  }
}
