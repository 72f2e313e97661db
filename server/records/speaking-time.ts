/**
 * Speaking time from the embedded media server's active-speaker detection: each turn (from the
 * moment someone is detected talking to their last loud packet) becomes one `speaking` record.
 * A real LiveKit does not tell the server who speaks (only its clients hear it), so with
 * LIVEKIT_URL speaking time stays 0.
 */
import { sessionOfRoom } from '../media/media-service.ts'

export interface SpeakingSink {
  speaking(sessionId: string, identity: string, ms: number): void
}

export class SpeakingTime {
  private readonly since = new Map<string, number>()

  constructor(private readonly sink: SpeakingSink) {}

  /** An active-speaker change in media room `room`. */
  handle(room: string, identity: string, speaking: boolean, at: number): void {
    // A session's main room or a breakout group's; anything else on the media server is no lesson.
    const sessionId = sessionOfRoom(room)
    if (!sessionId) return
    const key = `${room}|${identity}`
    if (speaking) {
      if (!this.since.has(key)) this.since.set(key, at)
      return
    }
    const start = this.since.get(key)
    if (start === undefined) return
    this.since.delete(key)
    this.sink.speaking(sessionId, identity, Math.max(0, at - start))
  }
}
