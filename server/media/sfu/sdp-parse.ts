/**
 * werift's `SessionDescription.parse`, giving the same objects with fewer string operations.
 *
 * Every offer and answer is parsed on both sides, and werift parses its own offers and answers
 * again when they are set as local descriptions. In a class joining at once that was the largest
 * single cost of the room's thread after forwarding, and of the benchmark's werift learners:
 * each learner's description grows to 30-odd sections (a section for every classmate's muted
 * microphone) and is parsed again at every renegotiation. werift splits the text into groups of
 * lines, then reads each section's attributes twice, splitting every line on `:` and joining the
 * rest back together. Here each line is read once, by index, and only the `fmtp` and `rtcp-fb`
 * lines are gone over again once the section's codecs are known.
 *
 * What it builds, throws and ignores is werift's (0.24): same classes, same fields in the same
 * order, same values, also for lines werift reads oddly (an `fmtp` for an unknown payload type
 * throws; `a=ssrc:1 cname` gives an empty cname). `test/unit/server/sfu/sdp-parse-matches-werift.test.ts`
 * compares the two on real descriptions and on thousands of generated and mutated ones.
 */
import type * as Werift from 'werift'

type Classes = Pick<
  typeof Werift,
  | 'SessionDescription'
  | 'MediaDescription'
  | 'RTCDtlsParameters'
  | 'RTCIceParameters'
  | 'RTCDtlsFingerprint'
  | 'RTCRtpHeaderExtensionParameters'
  | 'RTCRtpCodecParameters'
  | 'RTCSctpCapabilities'
  | 'SsrcDescription'
  | 'GroupDescription'
  | 'RTCRtpSimulcastParameters'
  | 'RTCRtcpFeedback'
  | 'candidateFromSdp'
>

// werift's DTLS_SETUP_ROLE: a plain object, looked up with whatever the line says.
const DTLS_SETUP_ROLE: Record<string, string> = { actpass: 'auto', active: 'client', passive: 'server' }
const SSRC_INFO_ATTRS = ['cname', 'msid', 'mslabel', 'label']
const M_LINE = /^m=([^ ]+) ([0-9]+) ([A-Z/]+) (.+)/

function ipAddressFromSdp(sdp: string): string {
  const m = sdp.match(/^IN (IP4|IP6) ([^ ]+)$/)
  if (!m) throw new Error('exception')
  return m[2]!
}

/** werift's `divide`: before the first `sep`, and everything after it ('' when there is none). */
function divide(from: string, sep: string): [string, string] {
  const at = from.indexOf(sep)
  return at < 0 ? [from, ''] : [from.slice(0, at), from.slice(at + sep.length)]
}

/** werift's `parseAttr` of an `a=` line. */
function attrOf(line: string): [string, string | undefined] {
  const at = line.indexOf(':')
  return at < 0 ? [line.slice(2), undefined] : [line.slice(2, at), line.slice(at + 1)]
}

/** Installs the parser below as werift's `SessionDescription.parse`. */
export function parseSdpInOnePass(m: Classes): void {
  m.SessionDescription.parse = sdpParser(m)
}

/** A parser building werift's objects (`m`) as `SessionDescription.parse` does. */
export function sdpParser(m: Classes): (sdp: string) => Werift.SessionDescription {
  const {
    SessionDescription,
    MediaDescription,
    RTCDtlsParameters,
    RTCIceParameters,
    RTCDtlsFingerprint,
    RTCRtpHeaderExtensionParameters,
    RTCRtpCodecParameters,
    RTCSctpCapabilities,
    SsrcDescription,
    GroupDescription,
    RTCRtpSimulcastParameters,
    RTCRtcpFeedback,
    candidateFromSdp,
  } = m

  function parseGroup(dest: Werift.GroupDescription[], value: string): void {
    const bits = value.split(' ')
    dest.push(new GroupDescription(bits[0]!, bits.slice(1)))
  }

  function parseSession(lines: string[], end: number, session: Werift.SessionDescription): void {
    for (let i = 0; i < end; i++) {
      const line = lines[i]!
      if (line.charCodeAt(1) !== 61 /* = */) continue
      switch (line.charCodeAt(0)) {
        case 118 /* v */:
          session.version = Number.parseInt(line.slice(2), 10)
          break
        case 111 /* o */:
          session.origin = line.slice(2)
          break
        case 115 /* s */:
          session.name = line.slice(2)
          break
        case 99 /* c */:
          session.host = ipAddressFromSdp(line.slice(2))
          break
        case 116 /* t */:
          session.time = line.slice(2)
          break
        case 97 /* a */: {
          const [attr, value] = attrOf(line)
          switch (attr) {
            case 'fingerprint': {
              const [algorithm, fingerprint] = value?.split(' ') || []
              session.dtlsFingerprints.push(new RTCDtlsFingerprint(algorithm!, fingerprint!))
              break
            }
            case 'ice-lite':
              session.iceLite = true
              break
            case 'ice-options':
              session.iceOptions = value!
              break
            case 'ice-pwd':
              session.icePassword = value!
              break
            case 'ice-ufrag':
              session.iceUsernameFragment = value!
              break
            case 'group':
              parseGroup(session.group, value!)
              break
            case 'msid-semantic':
              parseGroup(session.msidSemantic, value!)
              break
            case 'setup':
              session.dtlsRole = DTLS_SETUP_ROLE[value!] as never
              break
            case 'extmap-allow-mixed':
              session.extMapAllowMixed = true
              break
          }
        }
      }
    }
  }

  /** One section: lines `from` (its m= line) up to `to`. */
  function parseMedia(
    lines: string[],
    from: number,
    to: number,
    session: Werift.SessionDescription,
    bundle: Werift.GroupDescription | undefined,
  ): void {
    const mLine = M_LINE.exec(lines[from]!)
    if (!mLine) throw new Error('m line not found')
    // werift takes any kind the line names, as here.
    const kind = mLine[1] as Werift.Kind
    const fmt = mLine[4]!.split(' ')
    const media = new MediaDescription(
      kind,
      Number.parseInt(mLine[2]!),
      mLine[3]!,
      kind === 'audio' || kind === 'video' ? fmt.map((v) => Number(v)) : fmt,
    )
    media.dtlsParams = new RTCDtlsParameters([...session.dtlsFingerprints], session.dtlsRole)
    media.iceParams = new RTCIceParameters({
      iceLite: session.iceLite,
      usernameFragment: session.iceUsernameFragment!,
      password: session.icePassword!,
    })
    media.iceOptions = session.iceOptions
    session.media.push(media)
    // fmtp and rtcp-fb name codecs, so they are read once all of the section's rtpmap lines are.
    const later: [string, string | undefined][] = []
    for (let i = from + 1; i < to; i++) {
      const line = lines[i]!
      if (line.charCodeAt(1) !== 61 /* = */) continue
      const first = line.charCodeAt(0)
      if (first === 99 /* c */) {
        media.host = ipAddressFromSdp(line.slice(2))
        continue
      }
      if (first !== 97 /* a */) continue
      const [attr, value] = attrOf(line)
      switch (attr) {
        case 'candidate':
          if (!value) throw new Error()
          media.iceCandidates.push(candidateFromSdp(value))
          break
        case 'end-of-candidates':
          media.iceCandidatesComplete = true
          break
        case 'extmap': {
          const [given, extUri] = value!.split(' ')
          const extId = given!.includes('/') ? given!.split('/')[0]! : given!
          media.rtp.headerExtensions.push(
            new RTCRtpHeaderExtensionParameters({ id: Number.parseInt(extId), uri: extUri! }),
          )
          break
        }
        case 'fingerprint': {
          if (!value) throw new Error()
          const [algorithm, fingerprint] = value.split(' ')
          media.dtlsParams?.fingerprints.push(new RTCDtlsFingerprint(algorithm!, fingerprint!))
          break
        }
        case 'ice-options':
          media.iceOptions = value
          break
        case 'ice-pwd':
          media.iceParams!.password = value!
          break
        case 'ice-ufrag':
          media.iceParams!.usernameFragment = value!
          break
        case 'ice-lite':
          media.iceParams!.iceLite = true
          break
        case 'max-message-size':
          media.sctpCapabilities = new RTCSctpCapabilities(Number.parseInt(value!, 10))
          break
        case 'mid':
          media.rtp.muxId = value
          break
        case 'msid':
          media.msids.push(value!)
          break
        case 'rtcp': {
          const [port, rest] = divide(value!, ' ')
          media.rtcpPort = Number.parseInt(port)
          media.rtcpHost = ipAddressFromSdp(rest)
          break
        }
        case 'rtcp-mux':
          media.rtcpMux = true
          break
        case 'setup':
          media.dtlsParams!.role = DTLS_SETUP_ROLE[value!] as never
          break
        case 'recvonly':
        case 'sendonly':
        case 'sendrecv':
        case 'inactive':
          media.direction = attr
          break
        case 'rtpmap': {
          const [formatId, formatDesc] = divide(value!, ' ')
          const [type, clock, channel] = formatDesc.split('/')
          let channels: number | undefined
          if (media.kind === 'audio') channels = channel ? Number.parseInt(channel) : 1
          media.rtp.codecs.push(
            new RTCRtpCodecParameters({
              mimeType: media.kind + '/' + type,
              channels,
              clockRate: Number.parseInt(clock!),
              payloadType: Number.parseInt(formatId),
            }),
          )
          break
        }
        case 'sctpmap': {
          if (!value) throw new Error()
          const [formatId, formatDesc] = divide(value, ' ')
          media.sctpMap[Number.parseInt(formatId)] = formatDesc
          media.sctpPort = Number.parseInt(formatId)
          break
        }
        case 'sctp-port':
          if (!value) throw new Error()
          media.sctpPort = Number.parseInt(value)
          break
        case 'ssrc': {
          const [ssrcStr, ssrcDesc] = divide(value!, ' ')
          const ssrc = Number.parseInt(ssrcStr)
          const [ssrcAttr, ssrcValue] = divide(ssrcDesc, ':')
          let info = media.ssrc.find((v) => v.ssrc === ssrc)
          if (!info) {
            info = new SsrcDescription({ ssrc })
            media.ssrc.push(info)
          }
          if (SSRC_INFO_ATTRS.includes(ssrcAttr)) (info as unknown as Record<string, string>)[ssrcAttr] = ssrcValue
          break
        }
        case 'ssrc-group':
          parseGroup(media.ssrcGroup, value!)
          break
        case 'rid': {
          const [rid, direction] = divide(value!, ' ')
          media.simulcastParameters.push(new RTCRtpSimulcastParameters({ rid, direction: direction as never }))
          break
        }
        case 'fmtp':
        case 'rtcp-fb':
          later.push([attr, value])
          break
      }
    }
    if (!media.iceParams!.usernameFragment || !media.iceParams!.password) {
      if (media.rtp.muxId && bundle && bundle.items.includes(media.rtp.muxId)) {
        // werift's loop, as it is: it takes section indexes for mids.
        for (let i = 0; i < bundle.items.length; i++) {
          if (!bundle.items.includes(i.toString())) continue
          const check = session.media[i]!
          if (check.iceParams?.usernameFragment && check.iceParams.password) {
            media.iceParams = { ...check.iceParams } as Werift.RTCIceParameters
            break
          }
        }
      }
    }
    if (!media.dtlsParams!.role) media.dtlsParams = undefined
    for (const [attr, value] of later) {
      if (attr === 'fmtp') {
        const [formatId, formatDesc] = divide(value!, ' ')
        const pt = Number(formatId)
        const codec = media.rtp.codecs.find((v) => v.payloadType === pt)
        codec!.parameters = formatDesc
      } else {
        const [payloadType, feedbackType, feedbackParam] = value!.split(' ')
        for (const codec of media.rtp.codecs) {
          if (payloadType === '*' || payloadType === codec.payloadType.toString()) {
            codec.rtcpFeedback.push(new RTCRtcpFeedback({ type: feedbackType!, parameter: feedbackParam }))
          }
        }
      }
    }
  }

  return (sdp: string): Werift.SessionDescription => {
    let lines = sdp.split('\r\n')
    if (lines.length === 1) lines = sdp.split('\n')
    const starts: number[] = []
    for (let i = 0; i < lines.length; i++) if (lines[i]!.startsWith('m=')) starts.push(i)
    const session = new SessionDescription()
    parseSession(lines, starts[0] ?? lines.length, session)
    const bundle = session.group.find((g) => g.semantic === 'BUNDLE')
    for (let s = 0; s < starts.length; s++)
      parseMedia(lines, starts[s]!, starts[s + 1] ?? lines.length, session, bundle)
    return session
  }
}
