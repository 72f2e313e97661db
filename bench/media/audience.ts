/**
 * Everyone who receives in a run, Chromium pages and synthetic participants alike: when each saw
 * its first video, and how many packets all of them received and missed so far.
 */
import type { LkPage } from '../../test/helpers/livekit-page.ts'
import { firstFrameMs, pageCounters } from './browser-side.ts'
import type { SyntheticParticipant } from './synthetic-participant.ts'
import { untilAll } from './measure.ts'

export class Audience {
  constructor(
    readonly pages: LkPage[],
    readonly synthetic: SyntheticParticipant[],
  ) {}

  /** Join → first frame of everyone and of the Chromium pages alone (ms), and how many saw none within `timeoutMs`. */
  async firstFrames(
    timeoutMs: number,
  ): Promise<{ firstFrames: number[]; browserFirstFrames: number[]; missing: number }> {
    // The synthetic participants first: asking the pages (each a round trip through Chromium's
    // DevTools protocol) while the class is still joining would load the same two cores. The pages
    // time their first frame themselves, so asking later changes nothing in what they measured.
    const end = Date.now() + timeoutMs
    await untilAll(() => this.synthetic.every((x) => x.firstVideoAt !== undefined), timeoutMs)
    const firstFrames: number[] = []
    let missing = 0
    for (const p of this.pages) {
      // At least one look at each page, however long the synthetic participants took.
      const ms = await firstFrameMs(p.page, Math.max(1000, end - Date.now()))
      if (ms === undefined) missing++
      else firstFrames.push(ms)
    }
    const browserFirstFrames = [...firstFrames]
    for (const x of this.synthetic) {
      if (x.firstVideoAt === undefined) missing++
      else firstFrames.push(x.firstVideoAt - x.startedAt)
    }
    return { firstFrames, browserFirstFrames, missing }
  }

  /** Packets received and counted missing so far, summed over everyone. */
  async counts(): Promise<{ received: number; lost: number }> {
    let received = 0
    let lost = 0
    for (const c of await Promise.all(this.pages.map((p) => pageCounters(p.page)))) {
      received += c.received
      lost += c.lost
    }
    for (const x of this.synthetic) {
      received += x.counter.packets
      lost += x.counter.lost
    }
    return { received, lost }
  }

  async close(): Promise<void> {
    for (const p of this.pages) await p.close()
    await Promise.all(this.synthetic.map((x) => x.close()))
  }
}
