/**
 * LiveKit's data channels on a participant's connections: `_reliable` (ordered) and `_lossy`
 * (unordered, no retransmits). The server reads every channel a client opens or it opened itself.
 */
import type { RTCDataChannel } from 'werift'

export const RELIABLE = '_reliable'
export const LOSSY = '_lossy'

/** Reports every binary message on a channel; anything but `_reliable` counts as lossy. */
export function listenForData(
  channel: RTCDataChannel,
  events: { data(bytes: Uint8Array, reliable: boolean): void },
): void {
  const reliable = channel.label === RELIABLE
  channel.onMessage.subscribe((data) => {
    if (typeof data === 'string') return
    events.data(new Uint8Array(data), reliable)
  })
}

/** Sends on the first open channel of that kind, in the order of the maps given (label → channel). */
export function sendOnFirstOpen(
  channels: readonly ReadonlyMap<string, RTCDataChannel>[],
  bytes: Uint8Array,
  reliable: boolean,
): void {
  const label = reliable ? RELIABLE : LOSSY
  const channel = channels.map((c) => c.get(label)).find((c) => c?.readyState === 'open')
  if (!channel) return
  try {
    channel.send(Buffer.from(bytes))
  } catch {
    // A channel closing mid-send: the packet is lost like any lossy one.
  }
}
