/**
 * Which of a media thread's messages go ahead in its queue (turn-queue.ts): everything but the
 * signal frames of those already in the room. A joiner's frames (its offers, candidates and
 * answers) go ahead for `JOINING_MS` after its socket opened, so that someone who sees nothing yet
 * is not kept waiting behind a classroom's renegotiations; by then their connection is up.
 *
 * Order matters within a socket, and between a socket and the join that replaces it, so these
 * joins keep their place: a resume (its old socket's last frames and close may still be queued)
 * and a join under an identity already in the room (the old participant's frames must reach it
 * before the newcomer takes its place). Control messages (RoomService calls, forgetting a closed
 * room, shutdown) go ahead too: they are few, and a room forgotten must stay ordered with the
 * joins that open it again.
 */
import type { ToWorker } from './sfu-thread-messages.ts'

export const JOINING_MS = 5_000

type Open = Extract<ToWorker, { t: 'open' }>

export class SignalLanes {
  /** Sockets whose frames go ahead, and when each opened. */
  private readonly joining = new Map<number, number>()

  constructor(
    /** A fresh join: not a resume, under an identity not in the room. */
    private readonly isFreshJoin: (open: Open) => boolean,
    private readonly now: () => number = () => performance.now(),
  ) {}

  goesFirst = (m: ToWorker): boolean => {
    switch (m.t) {
      case 'open': {
        const fresh = this.isFreshJoin(m)
        if (fresh) this.joining.set(m.sock, this.now())
        return fresh
      }
      case 'frame':
        return this.stillJoining(m.sock)
      case 'socketClosed': {
        const first = this.stillJoining(m.sock)
        this.joining.delete(m.sock)
        return first
      }
      default:
        return true
    }
  }

  private stillJoining(sock: number): boolean {
    const openedAt = this.joining.get(sock)
    if (openedAt === undefined) return false
    if (this.now() - openedAt < JOINING_MS) return true
    this.joining.delete(sock)
    return false
  }
}
