/**
 * The answer to a publisher asks each announced microphone's Opus encoder for DTX (unless the
 * track was announced with `disableDtx`) and for stereo when announced in stereo, in the fmtp line
 * of that section only, as LiveKit's answer does. Exact lines: Chrome reads these parameters.
 */
import { describe, expect, it } from 'vitest'
import { withOpusWishes } from '../../../../server/media/sfu/sdp.ts'

/** An answer with two audio sections (Opus at 111), a video section and a data section. */
function answer(fmtp0 = 'a=fmtp:111 minptime=10;useinbandfec=1'): string {
  return [
    'v=0',
    'o=- 1 1 IN IP4 0.0.0.0',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1 2 3',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 63',
    'a=mid:0',
    'a=recvonly',
    'a=rtpmap:111 opus/48000/2',
    ...(fmtp0 ? [fmtp0] : []),
    'a=rtpmap:63 red/48000/2',
    'a=fmtp:63 111/111',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=mid:1',
    'a=sendonly',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'a=mid:2',
    'a=rtpmap:96 VP8/90000',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'a=mid:3',
    '',
  ].join('\r\n')
}

const line = (sdp: string, mid: string, prefix: string) =>
  sdp
    .split(/\r\n(?=m=)/)
    .find((s) => s.includes(`\r\na=mid:${mid}\r\n`))!
    .split('\r\n')
    .filter((l) => l.startsWith(prefix))

describe('Opus wishes in the answer to a publisher', () => {
  it('asks for DTX on the section of a microphone announced with it, and nowhere else', () => {
    const out = withOpusWishes(answer(), [{ mid: '0', dtx: true, stereo: false }])
    expect(line(out, '0', 'a=fmtp:111')).toEqual(['a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1'])
    expect(line(out, '0', 'a=fmtp:63')).toEqual(['a=fmtp:63 111/111'])
    expect(line(out, '1', 'a=fmtp:111')).toEqual(['a=fmtp:111 minptime=10;useinbandfec=1'])
    expect(out.replace('minptime=10;useinbandfec=1;usedtx=1', 'minptime=10;useinbandfec=1')).toBe(answer())
  })

  it('asks for stereo at 510 kbit/s for a stereo track, with or without DTX', () => {
    const stereo = withOpusWishes(answer(), [{ mid: '0', dtx: false, stereo: true }])
    expect(line(stereo, '0', 'a=fmtp:111')).toEqual([
      'a=fmtp:111 minptime=10;useinbandfec=1;stereo=1;maxaveragebitrate=510000',
    ])
    const both = withOpusWishes(answer(), [{ mid: '1', dtx: true, stereo: true }])
    expect(line(both, '1', 'a=fmtp:111')).toEqual([
      'a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1;stereo=1;maxaveragebitrate=510000',
    ])
  })

  it('replaces a value already there rather than naming a parameter twice', () => {
    const out = withOpusWishes(answer('a=fmtp:111 minptime=10;usedtx=0;stereo=0'), [
      { mid: '0', dtx: true, stereo: true },
    ])
    expect(line(out, '0', 'a=fmtp:111')).toEqual(['a=fmtp:111 minptime=10;usedtx=1;stereo=1;maxaveragebitrate=510000'])
  })

  it('adds the fmtp line after the rtpmap when the section has none', () => {
    const out = withOpusWishes(answer(''), [{ mid: '0', dtx: true, stereo: false }])
    const section = out.split(/\r\n(?=m=)/)[1]!.split('\r\n')
    expect(
      section.slice(section.indexOf('a=rtpmap:111 opus/48000/2'), section.indexOf('a=rtpmap:111 opus/48000/2') + 2),
    ).toEqual(['a=rtpmap:111 opus/48000/2', 'a=fmtp:111 usedtx=1'])
  })

  it('leaves the answer as it is when nothing is wished, or the wish names no audio section', () => {
    expect(withOpusWishes(answer(), [])).toBe(answer())
    expect(withOpusWishes(answer(), [{ mid: '0', dtx: false, stereo: false }])).toBe(answer())
    expect(withOpusWishes(answer(), [{ mid: '2', dtx: true, stereo: true }])).toBe(answer())
    expect(withOpusWishes(answer(), [{ mid: '9', dtx: true, stereo: false }])).toBe(answer())
  })
})
