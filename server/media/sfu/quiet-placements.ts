/**
 * Muted tracks wait for a quiet spell before they get a section on a subscriber's connection.
 *
 * Every new section is one more offer and answer for that subscriber, and a class that joins at
 * once publishes thirty microphones, most of them muted. Placed one by one, they made every
 * listener renegotiate again and again, with more sections each time, while the joiners'
 * handshakes and first pictures waited for the same thread. A muted track carries nothing to
 * hear, so it waits until no other muted track has come for that subscriber for `quietMs` (and
 * at most five times that since the first one waited); then all of them go into one request. A
 * track that unmutes in the meantime is placed at once (`take`).
 */
export class QuietPlacements<T> {
  private readonly bySubscriber = new Map<string, Waiting<T>>()

  constructor(
    private readonly quietMs: number,
    /** What waited for `subscriber`, in the order it came; called once the spell is quiet. */
    private readonly place: (subscriber: string, items: T[]) => void,
  ) {}

  /** `item` (the muted track `track`) waits for `subscriber`'s next quiet spell, which starts again now. */
  wait(subscriber: string, track: string, item: T): void {
    const now = performance.now()
    let w = this.bySubscriber.get(subscriber)
    if (!w) {
      w = { items: new Map(), deadline: now + this.quietMs * 5, timer: undefined }
      this.bySubscriber.set(subscriber, w)
    }
    w.items.set(track, item)
    clearTimeout(w.timer)
    const waiting = w
    w.timer = setTimeout(() => this.flush(subscriber, waiting), Math.min(this.quietMs, w.deadline - now))
    w.timer.unref()
  }

  /** Takes what waits for `track` out of every subscriber's wait (it unmuted), by subscriber. */
  take(track: string): [subscriber: string, item: T][] {
    const out: [string, T][] = []
    for (const [subscriber, w] of this.bySubscriber) {
      const item = w.items.get(track)
      if (item === undefined) continue
      w.items.delete(track)
      out.push([subscriber, item])
      if (w.items.size === 0) this.forget(subscriber)
    }
    return out
  }

  /** `subscriber` left: nothing waits for it any more. */
  forget(subscriber: string): void {
    clearTimeout(this.bySubscriber.get(subscriber)?.timer)
    this.bySubscriber.delete(subscriber)
  }

  close(): void {
    for (const subscriber of [...this.bySubscriber.keys()]) this.forget(subscriber)
  }

  private flush(subscriber: string, w: Waiting<T>): void {
    if (this.bySubscriber.get(subscriber) !== w) return
    this.bySubscriber.delete(subscriber)
    this.place(subscriber, [...w.items.values()])
  }
}

interface Waiting<T> {
  /** By track sid. */
  items: Map<string, T>
  /** The spell ends by then however busy the room stays. */
  deadline: number
  timer: NodeJS.Timeout | undefined
}
