/**
 * A subscriber without a browser: a werift peer connection driven by LiveKit v1 signalling the
 * way livekit-client drives it (first offer inside the join, three receive-only audio and video
 * sections, a new offer whenever the server asks with `mediaSectionsRequirement`). It counts the
 * RTP packets it receives and the sequence gaps, and notes when the first video packet arrived.
 * It does not decode: it stands in for the network side of a subscriber.
 */
import { RTCPeerConnection, type RTCRtpTransceiver } from 'werift'
import { SessionDescription } from '@livekit/protocol'
import { SignalClient } from '../../test/helpers/signal-client.ts'

export class SyntheticSubscriber {
  readonly startedAt = performance.now()
  firstVideoAt: number | undefined
  packets = 0
  lost = 0
  private readonly highest = new Map<number, number>()
  private offerId = 1
  private client: SignalClient | undefined

  private constructor(private readonly pc: RTCPeerConnection) {
    const seen = new Set<unknown>()
    pc.onTrack.subscribe((track) => {
      // werift reports a track again on every renegotiation: count its packets once.
      if (seen.has(track)) return
      seen.add(track)
      track.onReceiveRtp.subscribe((rtp) => {
        this.packets++
        const { ssrc, sequenceNumber } = rtp.header
        const last = this.highest.get(ssrc)
        if (last !== undefined) {
          const delta = ((sequenceNumber - last + 0x8000) & 0xffff) - 0x8000
          if (delta <= 0) return
          this.lost += delta - 1
        }
        this.highest.set(ssrc, sequenceNumber)
        if (track.kind === 'video' && this.firstVideoAt === undefined) this.firstVideoAt = performance.now()
      })
    })
  }

  /** Joins with `token` and keeps answering the server until closed. */
  static async join(serverUrl: string, token: string): Promise<SyntheticSubscriber> {
    const pc = new RTCPeerConnection({
      iceServers: [],
      iceUseIpv6: false,
      iceInterfaceAddresses: { udp4: '127.0.0.1' },
      iceAdditionalHostAddresses: ['127.0.0.1'],
    })
    const sub = new SyntheticSubscriber(pc)
    for (let i = 0; i < 3; i++) {
      pc.addTransceiver('audio', { direction: 'recvonly' })
      pc.addTransceiver('video', { direction: 'recvonly' })
    }
    pc.createDataChannel('_reliable')
    const offer = await sub.makeOffer()
    sub.client = await SignalClient.open(serverUrl, token, {
      offer: new SessionDescription({ type: 'offer', sdp: offer, id: sub.offerId }),
    })
    void sub.serve()
    return sub
  }

  private async makeOffer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer())
    if (this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 3000)
        this.pc.iceGatheringStateChange.subscribe((s) => {
          if (s === 'complete') {
            clearTimeout(t)
            resolve()
          }
        })
      })
    }
    return this.pc.localDescription!.sdp
  }

  private async serve(): Promise<void> {
    await this.handleSignals().catch((err: unknown) => {
      if (this.pc.connectionState !== 'closed') throw err
    })
  }

  private async handleSignals(): Promise<void> {
    const client = this.client!
    let wanted = false
    for (;;) {
      let m
      try {
        m = await client.next(600_000)
      } catch {
        return
      }
      // An answer or a request that arrives after close() has nothing left to apply to.
      if (this.pc.connectionState === 'closed') return
      if (m.case === 'answer' && m.value.id === this.offerId) {
        await this.pc.setRemoteDescription({ type: 'answer', sdp: m.value.sdp })
        // werift would recycle sections it sees as inactive and lose their mids.
        for (const t of this.pc.getTransceivers()) (t as RTCRtpTransceiver).usedForSender = true
        if (wanted) {
          wanted = false
          await this.reoffer()
        }
      } else if (m.case === 'mediaSectionsRequirement') {
        for (let i = 0; i < m.value.numAudios; i++) this.pc.addTransceiver('audio', { direction: 'recvonly' })
        for (let i = 0; i < m.value.numVideos; i++) this.pc.addTransceiver('video', { direction: 'recvonly' })
        if (this.pc.signalingState === 'stable') await this.reoffer()
        else wanted = true
      }
    }
  }

  private async reoffer(): Promise<void> {
    this.offerId++
    const sdp = await this.makeOffer()
    this.client!.send({ case: 'offer', value: new SessionDescription({ type: 'offer', sdp, id: this.offerId }) })
  }

  /** Connection state and the signal messages seen, for BENCH_DEBUG. */
  debug(): string {
    const seen = (this.client?.received ?? []).map((m) =>
      m.case === 'answer' ? `A${m.value.id}` : m.case === 'mediaSectionsRequirement' ? 'M' : (m.case ?? '?')[0],
    )
    return `${this.pc.connectionState}/${this.pc.signalingState} ${seen.join('')}`
  }

  async close(): Promise<void> {
    this.client?.close()
    await this.pc.close().catch(() => undefined)
  }
}
