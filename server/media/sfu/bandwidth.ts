/**
 * Receive-side bandwidth estimate of one publisher's connection, sent to it as REMB.
 *
 * Why: werift answers with the browser's own `transport-cc` feedback, but its feedback is wrong
 * (lost packets reported as received, per-stream instead of per-connection), so Chrome's estimate
 * neither reacts to loss nor follows the link. Chrome takes the lower of its own estimate and the
 * REMB it receives, so a REMB computed here from what really arrives is the brake: it follows the
 * receive rate and the loss, loss-based like GCC's (RFC draft-ietf-rmcat-gcc-02, section 6).
 * docs/media.md explains the choice.
 */

/** Below this share of lost packets the estimate grows; above `DECREASE_LOSS` it shrinks. */
const INCREASE_LOSS = 0.02
const DECREASE_LOSS = 0.1
/** Growth per second on a clean link (GCC's loss controller uses 8%; recovery matters more here). */
const GROWTH_PER_SECOND = 1.15
/** Never below this (audio and a small picture still get through) … */
export const MIN_BPS = 150_000
/** … and never held under this on a clean link, however little the publisher sent so far. */
const CLEAN_FLOOR_BPS = 2_000_000
/** The estimate stays within this multiple of what actually arrives, so it cannot run away. */
const HEADROOM = 2
const START_BPS = 2_000_000

interface StreamState {
  /** Highest sequence number seen, extended past wrap-around. */
  highest: number
  /** Where `highest` stood when the window started. */
  windowStart: number
  /** First arrivals (newer than `highest`) in this window; retransmissions do not count. */
  arrived: number
}

export class BandwidthEstimator {
  private readonly streams = new Map<number, StreamState>()
  private bytes = 0
  private windowAt: number
  private estimate = START_BPS
  /** Loss share and receive rate of the last window, for logs and tests. */
  lastLoss = 0
  lastRate = 0

  constructor(now: number) {
    this.windowAt = now
  }

  /** One RTP packet arrived (`size` in bytes, headers included). */
  onPacket(ssrc: number, sequenceNumber: number, size: number): void {
    this.bytes += size
    const s = this.streams.get(ssrc)
    if (!s) {
      this.streams.set(ssrc, { highest: sequenceNumber, windowStart: sequenceNumber, arrived: 0 })
      return
    }
    // Unwrap the 16-bit sequence number to the value nearest the highest seen.
    const delta = ((sequenceNumber - (s.highest & 0xffff) + 0x8000) & 0xffff) - 0x8000
    if (delta <= 0) return // reordered or retransmitted: not a first arrival
    s.highest += delta
    s.arrived++
  }

  /**
   * Closes the window at `now` and returns the new estimate in bits per second, or undefined
   * when nothing arrived (a muted or idle publisher keeps its last estimate).
   */
  update(now: number): number | undefined {
    const seconds = (now - this.windowAt) / 1000
    if (seconds <= 0) return undefined
    let expected = 0
    let arrived = 0
    for (const s of this.streams.values()) {
      expected += s.highest - s.windowStart
      arrived += s.arrived
      s.windowStart = s.highest
      s.arrived = 0
    }
    const rate = (this.bytes * 8) / seconds
    this.bytes = 0
    this.windowAt = now
    if (expected === 0) return undefined
    const loss = Math.max(0, 1 - arrived / expected)
    this.lastLoss = loss
    this.lastRate = rate
    if (loss > DECREASE_LOSS) {
      // Cut from what got through, not from a stale estimate, so one window reaches the link rate.
      this.estimate = Math.min(this.estimate, rate) * (1 - 0.5 * loss)
    } else if (loss < INCREASE_LOSS) {
      const cap = Math.max(rate * HEADROOM, CLEAN_FLOOR_BPS)
      this.estimate = Math.min(this.estimate * Math.pow(GROWTH_PER_SECOND, seconds), Math.max(cap, this.estimate))
    }
    this.estimate = Math.max(MIN_BPS, this.estimate)
    return Math.round(this.estimate)
  }
}

/** REMB's bitrate field: an 18-bit mantissa and a 6-bit exponent. */
export function rembMantissaExponent(bps: number): { mantissa: number; exponent: number } {
  let mantissa = Math.max(0, Math.floor(bps))
  let exponent = 0
  while (mantissa >= 1 << 18) {
    mantissa = Math.floor(mantissa / 2)
    exponent++
  }
  return { mantissa, exponent }
}
