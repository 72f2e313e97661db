/**
 * Commits accepted updates to SQLite, then relays them: one transaction, and one merged update
 * (one stored row, one encoded message) per document per flush. When the fan-out is light a flush
 * runs at the end of the current event-loop turn. When it is heavy (many people writing to many
 * readers), the flush waits so that more changes share one frame: up to `maxWindowMs` when the
 * frames that unbatched relaying would send reach `fullFanoutPerSecond`, in proportion between.
 * Fewer, larger frames spare the server's sends and, above all, the receivers: every frame costs
 * a client a Yjs transaction whose bookkeeping grows with the number of writers, and on a
 * low-end device that, not the network, is what falls behind.
 */
import type { Logger } from 'pino'
import type { DocStore, PendingWrite } from '../store/doc-store.ts'
import type { SharedDoc } from './shared-doc.ts'

export interface FlusherOptions {
  /** Unbatched fan-out (updates in × receivers, frames per second) up to which flushes never wait. */
  quietFanoutPerSecond: number
  /** Unbatched fan-out at which flushes wait the whole `maxWindowMs`. */
  fullFanoutPerSecond: number
  maxWindowMs: number
}

export const DEFAULT_FLUSHER_OPTIONS: FlusherOptions = {
  quietFanoutPerSecond: 20_000,
  fullFanoutPerSecond: 200_000,
  maxWindowMs: 60,
}

const RATE_PERIOD_MS = 200

export class Flusher {
  private readonly dirty = new Set<SharedDoc>()
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | undefined
  private periodStart = performance.now()
  private periodFanout = 0
  /**
   * Frames per second that relaying every update on its own would send (each document's updates
   * times its receivers). Judged on what arrives, not on what was sent: the window lowers the
   * sends, and judging by them would let it flap open and shut. Awareness (presence renewals,
   * cursors) is relayed per turn and does not widen the window.
   */
  private unbatchedFanout = 0

  constructor(
    private readonly store: DocStore,
    private readonly log: Logger,
    private readonly onCommitted: (doc: SharedDoc) => void,
    private readonly onStoreFailure: (docs: SharedDoc[], err: unknown) => void,
    private readonly options: FlusherOptions = DEFAULT_FLUSHER_OPTIONS,
  ) {}

  markDirty(doc: SharedDoc): void {
    this.dirty.add(doc)
    if (this.scheduled) return
    const windowMs = this.windowMs()
    this.scheduled = windowMs === 0 ? setImmediate(this.flush) : setTimeout(this.flush, windowMs)
  }

  /** The coalescing window: 0 (end of turn) unless the unbatched fan-out would be heavy. */
  private windowMs(): number {
    const stale = performance.now() - this.periodStart > 2 * RATE_PERIOD_MS
    if (stale) return 0
    const { quietFanoutPerSecond: quiet, fullFanoutPerSecond: full, maxWindowMs } = this.options
    const fanout = this.unbatchedFanout
    if (fanout <= quiet) return 0
    return Math.max(1, maxWindowMs * Math.min(1, (fanout - quiet) / (full - quiet)))
  }

  /** Flushes now (used before unloading a document and at shutdown). */
  flushNow(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled as NodeJS.Immediate)
      clearTimeout(this.scheduled as NodeJS.Timeout)
    }
    this.flush()
  }

  private readonly flush = (): void => {
    this.scheduled = undefined
    if (this.dirty.size === 0) return
    const docs = [...this.dirty]
    this.dirty.clear()
    const batches = docs.map((d) => ({ shared: d, update: d.takePending() }))
    const writes: PendingWrite[] = batches.flatMap((b) =>
      b.update ? [{ doc: b.shared.name, updates: [b.update] }] : [],
    )
    try {
      this.store.append(writes)
    } catch (err) {
      this.log.error({ err, docs: writes.map((w) => w.doc) }, 'could not store updates; nothing relayed')
      this.onStoreFailure(
        batches.filter((b) => b.update).map((b) => b.shared),
        err,
      )
      return
    }
    let fanout = 0
    for (const b of batches) {
      const updates = b.shared.takeUpdateCount()
      fanout += updates * b.shared.publish(b.update)
      if (b.update) this.onCommitted(b.shared)
    }
    this.account(fanout)
  }

  private account(fanout: number): void {
    this.periodFanout += fanout
    const now = performance.now()
    const elapsed = now - this.periodStart
    if (elapsed >= RATE_PERIOD_MS) {
      this.unbatchedFanout = (this.periodFanout / elapsed) * 1000
      this.periodStart = now
      this.periodFanout = 0
    }
  }
}
