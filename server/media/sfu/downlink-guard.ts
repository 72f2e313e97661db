/**
 * Server → subscriber congestion control, for a learner on a weak link: when the video sent to
 * one subscriber keeps getting lost, that subscriber's video is held back (audio never is), so
 * the sound stays clear instead of everything breaking up; it is tried again later.
 *
 * There is one video layer (no simulcast), so the only lighter stream is none. The signal is the
 * share of video packets the subscriber asks for again (NACK): it is the loss the subscriber saw
 * before retransmission, which RTCP receiver reports hide once retransmissions fill the gaps.
 *
 * A window is as many seconds as it takes to send 30 video packets (a 640x360 camera at 15 fps
 * sends about 20 a second), at most five; a window that never gets there is not judged.
 *
 * - clear: three windows in a row with loss at or above 10% hold the video back;
 * - held: for 10 s the first time; then the video is released (a probe, keyframes asked for);
 * - probing: two lossy windows within 5 s hold it again, twice as long (at most 60 s); five
 *   seconds without them and the link is clear again; a minute clear and the hold is short again.
 *
 * LiveKit pauses a subscriber's video the same way when no layer fits its estimated bandwidth,
 * and says so with the same `streamStateUpdate` (PAUSED, then ACTIVE).
 */

export const HOLD_LOSS = 0.1
const HOLD_AFTER_WINDOWS = 3
const PROBE_FAILS_AFTER_WINDOWS = 2
export const FIRST_HOLD_MS = 10_000
const LONGEST_HOLD_MS = 60_000
const PROBE_MS = 5_000
const FORGET_AFTER_MS = 60_000
/** Packets a window must carry for its loss to count. */
export const MIN_WINDOW_PACKETS = 30
const LONGEST_WINDOW_MS = 5_000

export type DownlinkState =
  | { kind: 'clear'; lossyWindows: number; since: number }
  | { kind: 'held'; until: number }
  | { kind: 'probing'; lossyWindows: number; until: number }

export class DownlinkGuard {
  state: DownlinkState
  /** Loss of the last window that counted (0–1). */
  loss = 0
  private holdMs = FIRST_HOLD_MS
  private window: { sent: number; nacked: number; since: number }

  constructor(now: number) {
    this.state = { kind: 'clear', lossyWindows: 0, since: now }
    this.window = { sent: 0, nacked: 0, since: now }
  }

  get holding(): boolean {
    return this.state.kind === 'held'
  }

  /** What this subscriber's video did since the last call: packets sent, and how many it asked for again. */
  observe(sent: number, nacked: number, now: number): void {
    const s = this.state
    if (s.kind === 'held') {
      if (now >= s.until) {
        this.state = { kind: 'probing', lossyWindows: 0, until: now + PROBE_MS }
        this.window = { sent: 0, nacked: 0, since: now }
      }
      return
    }
    const w = this.window
    w.sent += sent
    w.nacked += nacked
    let lossyWindows = s.lossyWindows
    if (w.sent >= MIN_WINDOW_PACKETS) {
      this.loss = Math.min(1, w.nacked / w.sent)
      lossyWindows = this.loss >= HOLD_LOSS ? lossyWindows + 1 : 0
      this.window = { sent: 0, nacked: 0, since: now }
    } else if (now - w.since >= LONGEST_WINDOW_MS) {
      this.window = { sent: 0, nacked: 0, since: now }
    }
    if (s.kind === 'clear') {
      if (now - s.since >= FORGET_AFTER_MS) this.holdMs = FIRST_HOLD_MS
      if (lossyWindows >= HOLD_AFTER_WINDOWS) this.hold(now)
      else this.state = { ...s, lossyWindows }
      return
    }
    if (lossyWindows >= PROBE_FAILS_AFTER_WINDOWS) {
      this.holdMs = Math.min(2 * this.holdMs, LONGEST_HOLD_MS)
      this.hold(now)
    } else if (now >= s.until) {
      this.state = { kind: 'clear', lossyWindows: 0, since: now }
    } else {
      this.state = { ...s, lossyWindows }
    }
  }

  private hold(now: number): void {
    this.state = { kind: 'held', until: now + this.holdMs }
  }
}
