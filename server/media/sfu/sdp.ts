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
