/**
 * Runs queued work in order, in batches that take turns with the thread's other work: after each
 * batch the event loop goes round (UDP read, timers), and a batch lasts about as long as that
 * round did, between `MIN_BATCH_MS` and `MAX_BATCH_MS`.
 *
 * Why: a media thread receives its signal frames from the main thread as port messages, and Node
 * hands a port's queued messages over in one go, taking in those that arrive meanwhile. When a
 * class joins at once each offer costs 5–90 ms of SDP work, so a queue of offers held the thread
 * for 1.3–1.5 s at a time. All that while no UDP was read: ICE checks went unanswered, DTLS
 * waited, and the teacher's packets piled up in the socket buffer, keyframes with them. Going to
 * the other extreme, one message per round, starved the signalling instead: with the thread busy
 * forwarding to the class, a round took 100–200 ms and a late joiner's join waited seconds in
 * the queue behind the others' offers. Equal turns keep both moving.
 *
 * Equal, but short: the round's own work is mostly the handshakes of people almost in and the
 * media of those already in, little left to do for each, while a join still to be answered has
 * all of it ahead. Turns of up to 50 ms held each nearly finished DTLS handshake behind three to
 * six offers, at both of its server steps: in packet captures of a class joining at once the SFU
 * took 100–330 ms from the learner's last DTLS flight to their first packet. With turns of at most
 * 15 ms the median learner of the classroom benchmark saw the teacher 0.3 s sooner (docs/media.md,
 * "Twelfth session"); the last to arrive wait a little longer behind those before them.
 *
 * An answer alone took 20–100 ms in a class's join storm, longer than any turn, so it takes
 * several (`turn`, awaited between its steps in sfu-peer.ts through turns.ts): at N = 20 the
 * median learner saw the first picture about 0.2 s sooner.
 *
 * Items that `goesFirst` picks are taken as if they had come `HEAD_START_MS` earlier: the media
 * thread puts a joiner's signalling ahead of the renegotiations of those already in
 * (signal-lanes.ts). Traced in the classroom benchmark, a latecomer's join waited 0.5–3.4 s behind
 * the offers and pings of the thirty already there, on a thread the busy machine gave a quarter
 * of each second. Everything else waits at most `HEAD_START_MS` longer than it would have, and
 * items of one lane keep their order.
 *
 * 10 s, not the 2 s first chosen: after a class joined at once the queue held 30–46 of their
 * renegotiation offers for 10–20 s, the oldest several seconds old, so a latecomer still waited
 * 3 s behind them, and in some runs more than the 15 s livekit-client waits for its JoinResponse
 * before it gives up. A join costs a few milliseconds before its answer, which takes its turns
 * like any other; what it passes is mostly rounds that place muted microphones.
 */
const MIN_BATCH_MS = 5
const MAX_BATCH_MS = 15
export const HEAD_START_MS = 10_000

/** Items in the order they came, each with the time it counts as having come. */
class Lane<T> {
  private items: (T | undefined)[] = []
  private times: number[] = []
  private head = 0

  get length(): number {
    return this.items.length - this.head
  }

  /** When the next item counts as having come (Infinity when there is none). */
  get nextAt(): number {
    return this.head < this.items.length ? this.times[this.head]! : Infinity
  }

  push(item: T, at: number): void {
    this.items.push(item)
    this.times.push(at)
  }

  shift(): T {
    const item = this.items[this.head] as T
    this.items[this.head++] = undefined
    if (this.head === this.items.length) {
      this.items = []
      this.times = []
      this.head = 0
    }
    return item
  }
}

export class TurnQueue<T> {
  private readonly first = new Lane<T>()
  private readonly rest = new Lane<T>()
  private scheduled = false
  private lastBatchEnd = performance.now()
  private batchStart = 0
  private budget = 0

  /** Work already started that gave the thread back (`turn`), to go on before any new item. */
  private readonly resumes: (() => void)[] = []

  constructor(
    private readonly run: (item: T) => void,
    private readonly goesFirst: (item: T) => boolean = () => false,
    /** The clock items are stamped with as they come. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(item: T): void {
    const now = this.now()
    if (this.goesFirst(item)) this.first.push(item, now - HEAD_START_MS)
    else this.rest.push(item, now)
    this.schedule()
  }

  /**
   * Resolves on a later turn, before the queued items: a long piece of work (an answer) awaits it
   * between its steps, so that the round's I/O runs between them and its turns stay short.
   */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.resumes.push(resolve)
      this.schedule()
    })
  }

  get length(): number {
    return this.first.length + this.rest.length + this.resumes.length
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(this.batch)
  }

  private readonly batch = (): void => {
    this.batchStart = performance.now()
    // The round since the last batch: the I/O and timers.
    this.budget = Math.min(MAX_BATCH_MS, Math.max(MIN_BATCH_MS, this.batchStart - this.lastBatchEnd))
    this.step()
  }

  private step(): void {
    // An answer is mostly promise jobs that run after `run` returns; a tick queued from a promise
    // job runs once the job queue is empty, so the item's time is counted whole (up to its next
    // `turn`).
    queueMicrotask(() => process.nextTick(this.afterItem))
    const resume = this.resumes.shift()
    if (resume) return resume()
    const lane = this.first.nextAt <= this.rest.nextAt ? this.first : this.rest
    this.run(lane.shift())
  }

  private readonly afterItem = (): void => {
    if (this.length === 0) {
      this.scheduled = false
      this.lastBatchEnd = performance.now()
    } else if (performance.now() - this.batchStart < this.budget) {
      this.step()
    } else {
      this.lastBatchEnd = performance.now()
      // Scheduled outside the poll phase, it runs on the next round, after the poll phase.
      setImmediate(this.batch)
    }
  }
}
