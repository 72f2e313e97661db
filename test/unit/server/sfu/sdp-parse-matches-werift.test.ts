/**
 * `sdpParser` (sdp-parse.ts) replaces werift's `SessionDescription.parse` on both sides of every
 * connection, so whatever werift would have made of a description, it must make too: the same
 * objects of the same classes, or an error of the same kind. Compared here on real descriptions
 * (Chromium's, recorded in test/fixtures/sdp; werift's own offers and answers) and on thousands
 * of damaged copies of them.
 */
import fs from 'node:fs'
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import * as Werift from 'werift'
import { sdpParser } from '../../../../server/media/sfu/sdp-parse.ts'

const werifts = Werift.SessionDescription.parse.bind(Werift.SessionDescription)
const ours = sdpParser(Werift)
const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/sdp')

type Outcome = { ok: true; value: Werift.SessionDescription } | { ok: false; error: string }

function outcome(parse: (sdp: string) => Werift.SessionDescription, sdp: string): Outcome {
  try {
    return { ok: true, value: parse(sdp) }
  } catch (err) {
    return { ok: false, error: (err as Error).constructor.name }
  }
}

/** Same classes and values (isDeepStrictEqual compares prototypes), and the same fields in the same order. */
function sameOutcome(sdp: string, b = outcome(ours, sdp)): boolean {
  const a = outcome(werifts, sdp)
  if (!a.ok || !b.ok) return !a.ok && !b.ok && a.error === b.error
  return isDeepStrictEqual(a.value, b.value) && JSON.stringify(a.value) === JSON.stringify(b.value)
}

async function weriftDescriptions(): Promise<string[]> {
  const offerer = new Werift.RTCPeerConnection({ iceUseIpv4: true, iceUseIpv6: false })
  const answerer = new Werift.RTCPeerConnection({ iceUseIpv4: true, iceUseIpv6: false })
  offerer.createDataChannel('_reliable')
  offerer.addTransceiver('video', { direction: 'sendrecv' })
  offerer.addTransceiver('audio', { direction: 'sendonly' })
  for (let i = 0; i < 30; i++) offerer.addTransceiver('audio', { direction: 'recvonly' })
  await offerer.setLocalDescription(await offerer.createOffer())
  await answerer.setRemoteDescription(offerer.localDescription!)
  await answerer.setLocalDescription(await answerer.createAnswer())
  const out = [offerer.localDescription!.sdp, answerer.localDescription!.sdp]
  await Promise.all([offerer.close(), answerer.close()])
  return out
}

const ODD_LINES = [
  'a=fmtp:250 x=1',
  'a=fmtp:96',
  'a=fmtp',
  'a=rtcp-fb:* nack',
  'a=rtcp-fb:96',
  'a=rtcp-fb',
  'a=rtpmap:97',
  'a=rtpmap:98 opus/48000',
  'a=ssrc:1 cname',
  'a=ssrc:1 msid:a b',
  'a=ssrc:2',
  'a=ssrc-group:FID 1 2',
  'a=setup:toString',
  'a=setup:__proto__',
  'a=setup',
  'a=rtcp:9',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=group:BUNDLE 0 1 2 3 4 5',
  'a=group:BUNDLE',
  'a=ice-ufrag',
  'a=ice-pwd',
  'a=ice-lite',
  'a=fingerprint',
  'a=fingerprint:sha-256',
  'a=extmap:3/sendonly urn:ietf:params:rtp-hdrext:sdes:mid',
  'a=extmap',
  'a=mid',
  'a=msid:- t',
  'a=rid:f send',
  'a=rid:q',
  'a=max-message-size:262144',
  'a=sctp-port',
  'a=sctpmap:5000 webrtc-datachannel 1024',
  'a=candidate',
  'a=candidate:1 1 udp 1 127.0.0.1 9 typ host',
  'a=end-of-candidates',
  'c=IN IP4 1.2.3.4',
  'c=IN IP9 x',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'm=audio x RTP 1',
  'a=sendrecv',
  'a=inactive',
  'v=0',
  't=0 0',
  'a=',
  '',
  'x',
]

/** A damaged copy: lines dropped, repeated, swapped, cut short, or odd ones put in. */
function damaged(sdp: string, next: () => number): string {
  const lines = sdp.split('\r\n')
  const pick = () => Math.floor(next() * lines.length)
  const changes = 1 + Math.floor(next() * 4)
  for (let c = 0; c < changes; c++) {
    const at = pick()
    switch (Math.floor(next() * 5)) {
      case 0:
        lines.splice(at, 1)
        break
      case 1:
        lines.splice(at, 0, lines[pick()]!)
        break
      case 2: {
        const other = pick()
        ;[lines[at], lines[other]] = [lines[other]!, lines[at]!]
        break
      }
      case 3:
        lines[at] = lines[at]!.slice(0, Math.floor(next() * lines[at]!.length))
        break
      default:
        lines.splice(at, 0, ODD_LINES[Math.floor(next() * ODD_LINES.length)]!)
    }
  }
  return lines.join(next() < 0.1 ? '\n' : '\r\n')
}

describe('the SDP parser that replaces werift’s', () => {
  const chromium = fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.sdp'))
    .map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'))

  it('is compared with werift’s own parser, untouched', () => {
    expect(werifts.toString()).toBe(Werift.SessionDescription.parse.bind(Werift.SessionDescription).toString())
    expect(Werift.SessionDescription.parse.toString()).toContain('groupLines')
    expect(chromium.length).toBeGreaterThanOrEqual(4)
  })

  it('reads Chromium’s and werift’s offers and answers exactly as werift does', async () => {
    const all = [...chromium, ...(await weriftDescriptions())]
    for (const sdp of all) {
      const parsed = ours(sdp)
      expect(parsed.media.length).toBeGreaterThan(1)
      expect(sameOutcome(sdp)).toBe(true)
      expect(sameOutcome(sdp.replaceAll('\r\n', '\n'))).toBe(true)
    }
  })

  it('keeps what matters to a connection: codecs with their parameters and feedback, candidates, simulcast layers', () => {
    const offer = ours(chromium.find((s) => s.includes('a=rid:'))!)
    const video = offer.media.find((m) => m.kind === 'video')!
    const vp8 = video.rtp.codecs.find((c) => c.mimeType === 'video/VP8')!
    expect(vp8.rtcpFeedback.map((f) => `${f.type} ${f.parameter ?? ''}`.trim())).toContain('nack pli')
    expect(video.rtp.codecs.some((c) => c.parameters?.includes('apt='))).toBe(true)
    expect(video.simulcastParameters.map((p) => p.rid)).toEqual(['q', 'h', 'f'])
    expect(offer.media[0]!.iceCandidates.length).toBeGreaterThan(0)
  })

  it('makes of a thousand damaged descriptions what werift makes of them, errors included', async () => {
    const bases = [...chromium, ...(await weriftDescriptions())]
    let seed = 11
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    let failures = 0
    const thrown = { ours: 0 }
    for (let i = 0; i < 1000; i++) {
      const sdp = damaged(bases[i % bases.length]!, next)
      const result = outcome(ours, sdp)
      if (!result.ok) thrown.ours++
      if (!sameOutcome(sdp, result)) {
        failures++
        if (failures === 1) console.error(sdp)
      }
    }
    expect(failures).toBe(0)
    // The damage reaches the error paths too, and most copies still parse.
    expect(thrown.ours).toBeGreaterThan(40)
    expect(thrown.ours).toBeLessThan(800)
  }, 60_000)
})
