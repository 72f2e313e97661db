/**
 * Small SDP rewrites between werift and Chrome (see shared/design/livekit-embedded-sfu.md,
 * "Pitfalls"): werift marks unused audio/video sections with port 0, which Chrome reads as
 * "rejected" and then refuses the whole answer when the BUNDLE-tag section is among them.
 */
export function reviveRejectedSections(sdp: string): string {
  return sdp.replace(/^m=(audio|video) 0 /gm, 'm=$1 9 ')
}

/** Keeps only the server's candidates on the given addresses (werift gathers on every interface). */
export function keepCandidates(sdp: string, addresses: readonly string[] | undefined): string {
  if (!addresses || addresses.length === 0) return sdp
  return sdp
    .split('\r\n')
    .filter((line) => {
      if (!line.startsWith('a=candidate:')) return true
      const address = line.split(' ')[4]
      return address !== undefined && addresses.includes(address)
    })
    .join('\r\n')
}

/** The `mid` of every m-section, in order. */
export function mids(sdp: string): string[] {
  return [...sdp.matchAll(/^a=mid:(\S+)$/gm)].map((m) => m[1]!)
}

/** Replaces the address of every server candidate with `address` (ports stay): a 1:1 NAT's outside. */
export function announceAddress(sdp: string, address: string | undefined): string {
  if (!address) return sdp
  return sdp
    .split('\r\n')
    .map((line) => {
      if (!line.startsWith('a=candidate:')) return line
      const parts = line.split(' ')
      parts[4] = address
      return parts.join(' ')
    })
    .join('\r\n')
}

/** LiveKit's layer names, best first; a sender naming its layers otherwise keeps its first. */
const LAYERS_BEST_FIRST = ['f', 'h', 'q']

/**
 * Leaves one layer of each simulcast section in a client's offer, its best, so the answer accepts
 * only that one and the client sends one stream per track (RFC 8853, section 5.3: the answerer may
 * drop rids). The SFU forwards one stream; the native LiveKit SDKs and livekit-client's defaults
 * offer two or three layers by rid (lowest first in livekit-client, whose browser would send only
 * its 240-pixel layer if simulcast were declined outright). mid-demux.ts routes that stream.
 */
export function withOneSimulcastLayer(sdp: string): string {
  if (!sdp.includes('a=simulcast:')) return sdp
  return sdp
    .split(/\r\n(?=m=)/)
    .map((section) => {
      const simulcast = /^a=simulcast:send (\S+)$/m.exec(section)
      if (!simulcast) return section
      const rids = simulcast[1]!.split(';').map((alternatives) => alternatives.split(',')[0]!.replace(/^~/, ''))
      const keep = LAYERS_BEST_FIRST.find((rid) => rids.includes(rid)) ?? rids[0]!
      return section
        .split('\r\n')
        .filter((line) => !line.startsWith('a=rid:') || line.split(' ')[0] === `a=rid:${keep}`)
        .map((line) => (line.startsWith('a=simulcast:') ? `a=simulcast:send ${keep}` : line))
        .join('\r\n')
    })
    .join('\r\n')
}
