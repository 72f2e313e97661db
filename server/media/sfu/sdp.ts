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

/** What the server asks of the Opus encoder behind one of a publisher's audio sections. */
export interface OpusWish {
  mid: string
  /** Discontinuous transmission: silence (a muted microphone) sends a packet now and then, not 50 a second. */
  dtx: boolean
  stereo: boolean
}

/**
 * The answer to a publisher asks for DTX on each audio track announced without `disableDtx`, and
 * for stereo on each announced as stereo, in the Opus fmtp line of its section, as LiveKit's
 * answer does (`configurePublisherAnswer`). In an answer these parameters say what the answerer
 * wants to receive; Chrome's encoder follows them.
 */
export function withOpusWishes(sdp: string, wishes: readonly OpusWish[]): string {
  if (wishes.length === 0) return sdp
  const byMid = new Map(wishes.map((w) => [w.mid, w]))
  return sdp
    .split(/\r\n(?=m=)/)
    .map((section) => {
      const mid = /^a=mid:(\S+)$/m.exec(section)?.[1]
      const wish = section.startsWith('m=audio') && mid !== undefined ? byMid.get(mid) : undefined
      const pt = wish && /^a=rtpmap:(\d+) opus\/48000/im.exec(section)?.[1]
      if (!wish || !pt) return section
      const wanted: [string, string][] = []
      if (wish.dtx) wanted.push(['usedtx', '1'])
      if (wish.stereo) wanted.push(['stereo', '1'], ['maxaveragebitrate', '510000'])
      if (wanted.length === 0) return section
      const fmtp = new RegExp(`^a=fmtp:${pt} ([^\r\n]*)$`, 'm')
      if (!fmtp.test(section)) {
        return section.replace(
          new RegExp(`^(a=rtpmap:${pt} [^\r\n]*)$`, 'm'),
          `$1\r\na=fmtp:${pt} ${joinParams(wanted)}`,
        )
      }
      return section.replace(fmtp, (_line, params: string) => `a=fmtp:${pt} ${withParams(params, wanted)}`)
    })
    .join('\r\n')
}

/** `params` (`key=value;…`) with each of `wanted` set, replacing a value already there. */
function withParams(params: string, wanted: readonly [string, string][]): string {
  const kept = params
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !wanted.some(([key]) => p.split('=')[0]!.toLowerCase() === key))
  return [...kept, joinParams(wanted)].join(';')
}

function joinParams(params: readonly [string, string][]): string {
  return params.map(([key, value]) => `${key}=${value}`).join(';')
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
