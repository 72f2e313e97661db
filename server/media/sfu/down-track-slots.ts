/**
 * The tracks one peer connection sends to its participant: each waits for a send section or holds
 * one. A section whose track left stays out of use until the client has seen it inactive: a
 * browser fires no new `track` event for a section that goes straight from one track to the next.
 */
import type { RTCRtpTransceiver } from 'werift'
import { werift } from './werift-lazy.ts'
import type { DownTrackSlot, MediaKind } from './sfu-peer.ts'

export class DownTrackSlots {
  private readonly byTrack = new Map<string, DownTrackSlot>()
  /** Sections whose track was removed, until an answer or answered offer has made them inactive. */
  readonly retiring = new Set<RTCRtpTransceiver>()

  add(slot: DownTrackSlot): void {
    this.byTrack.set(slot.trackSid, slot)
  }

  remove(trackSid: string): void {
    const slot = this.byTrack.get(trackSid)
    if (!slot) return
    this.byTrack.delete(trackSid)
    if (slot.transceiver) {
      void slot.transceiver.sender.replaceTrack(null)
      slot.transceiver.setDirection('inactive')
      this.retiring.add(slot.transceiver)
    }
  }

  get(trackSid: string): DownTrackSlot | undefined {
    return this.byTrack.get(trackSid)
  }

  all(): IterableIterator<DownTrackSlot> {
    return this.byTrack.values()
  }

  /** Slots still waiting for a section, of one kind or all. */
  waiting(kind?: MediaKind): DownTrackSlot[] {
    return [...this.byTrack.values()].filter((s) => !s.transceiver && (kind === undefined || s.kind === kind))
  }

  /** Sections carrying a track. */
  taken(): Set<RTCRtpTransceiver | undefined> {
    return new Set([...this.byTrack.values()].map((s) => s.transceiver))
  }

  /** Which track each section carries, as `midToTrackId` names them for the client. */
  midToTrackId(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const slot of this.byTrack.values()) if (slot.transceiver?.mid) out[slot.transceiver.mid] = slot.trackSid
    return out
  }
}

/** Puts a track on a section: the msid names its stream and track, and the section sends. */
export function placeOnSection(slot: DownTrackSlot, t: RTCRtpTransceiver): void {
  slot.transceiver = t
  const sender = t.sender as typeof t.sender & { trackId: string }
  // The msid is `<streamId> <trackId>`; werift types the track id read-only.
  sender.trackId = slot.trackSid
  const { MediaStream, MediaStreamTrack } = werift()
  sender.setStreams([new MediaStream({ id: slot.streamId })])
  sender.registerTrack(new MediaStreamTrack({ kind: slot.kind }))
  t.setDirection('sendonly')
}
