/**
 * Microphone time: how long each person had a live microphone (published, not muted), from a
 * look at the media server every few seconds. A span starts at the first look that finds the
 * microphone live and ends at the first that does not, so it is right to within one interval.
 * Long spans are written every minute (a crash loses at most that much); when the media server
 * cannot be asked, open spans end at the last successful look rather than growing blind.
 */
import type { LiveMicrophone } from '../media/live-microphones.ts'

export interface MicrophoneSink {
  microphone(sessionId: string, identity: string, ms: number): void
}

/** A live microphone's time is written at least this often. */
const WRITE_EVERY_MS = 60_000

interface Span {
  sessionId: string
  identity: string
  since: number
}

export class MicrophoneTime {
  private readonly open = new Map<string, Span>()
  private lastLook: number | undefined

  constructor(private readonly sink: MicrophoneSink) {}

  /** The media server's answer at `at`: these microphones are live, every other is not. */
  observe(live: readonly LiveMicrophone[], at: number): void {
    const seen = new Set<string>()
    for (const m of live) {
      const key = `${m.sessionId}|${m.identity}`
      seen.add(key)
      const span = this.open.get(key)
      if (!span) this.open.set(key, { ...m, since: at })
      else if (at - span.since >= WRITE_EVERY_MS) this.write(span, at)
    }
    for (const [key, span] of this.open) {
      if (seen.has(key)) continue
      this.write(span, at)
      this.open.delete(key)
    }
    this.lastLook = at
  }

  /** The media server could not be asked: nothing is known after the last look. */
  unknown(): void {
    if (this.lastLook !== undefined) this.endAll(this.lastLook)
  }

  /** Ends every open span at `at` (shutdown). */
  endAll(at: number): void {
    for (const span of this.open.values()) this.write(span, at)
    this.open.clear()
  }

  private write(span: Span, at: number): void {
    const ms = at - span.since
    if (ms > 0) this.sink.microphone(span.sessionId, span.identity, ms)
    span.since = at
  }
}

/**
 * Asks `list` every `intervalMs` (never two at once) until stopped; stopping ends open spans.
 * `onError` hears the first failure of a run of them, not every look while the server is away.
 */
export function sampleMicrophones(
  time: MicrophoneTime,
  list: () => Promise<LiveMicrophone[]>,
  intervalMs: number,
  onError: (err: unknown) => void,
  now: () => number = Date.now,
): { stop(): void } {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let failing = false
  const look = async () => {
    try {
      const live = await list()
      if (!stopped) time.observe(live, now())
      failing = false
    } catch (err) {
      if (stopped) return
      time.unknown()
      if (!failing) onError(err)
      failing = true
    }
    if (!stopped) timer = setTimeout(() => void look(), intervalMs).unref()
  }
  timer = setTimeout(() => void look(), intervalMs).unref()
  return {
    stop() {
      stopped = true
      clearTimeout(timer)
      time.endAll(now())
    },
  }
}
