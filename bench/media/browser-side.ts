/**
 * The browser parts of the media benchmark: a livekit-client publisher and subscribers against
 * the embedded SFU, and the named peer, a plain browser-to-browser mesh (one RTCPeerConnection
 * per receiver, the publisher encodes once per receiver), both in headless Chromium.
 */
import type { Page } from 'playwright-core'
import { lkConnect, type LkPage } from '../../test/helpers/livekit-page.ts'
import type { JoinResponse } from '#common/api/join.ts'

export interface RtpCounters {
  received: number
  lost: number
  sent: number
  /** Keyframe requests (PLI) the page's senders received. */
  plis: number
}

/** RTP packets received, lost and sent (audio and video) on every peer connection of a page. */
export function pageCounters(page: Page): Promise<RtpCounters> {
  return page.evaluate(async () => {
    const w = window as any
    const pcs: RTCPeerConnection[] = w.lkRoom ? [w.lkRoom.engine.pcManager.publisher._pc] : (w.meshPcs ?? [])
    const out = { received: 0, lost: 0, sent: 0, plis: 0 }
    for (const pc of pcs) {
      ;(await pc.getStats()).forEach((s: any) => {
        if (s.type === 'inbound-rtp') {
          out.received += s.packetsReceived ?? 0
          out.lost += Math.max(0, s.packetsLost ?? 0)
        }
        if (s.type === 'outbound-rtp') {
          out.sent += s.packetsSent ?? 0
          out.plis += s.pliCount ?? 0
        }
      })
    }
    return out
  })
}

/** A subscriber page joins with its first-frame clock started, noting when `connect()` resolved. */
export async function connectTimed(p: LkPage, join: JoinResponse): Promise<void> {
  await startFirstFrameClock(p)
  await lkConnect(p, join)
  await p.page.evaluate(() => ((window as any).connectedAt = Date.now()))
}

/** Starts timing a subscriber page: the first decoded video frame after now, in ms. */
export async function startFirstFrameClock(p: LkPage): Promise<void> {
  await p.page.evaluate(() => {
    const w = window as any
    const t0 = performance.now()
    w.firstFrameT0 = Date.now()
    w.firstFrameMs = undefined
    const iv = setInterval(() => {
      const v = document.querySelector('video')
      if (v && (v as any).getVideoPlaybackQuality().totalVideoFrames > 0) {
        w.firstFrameMs = performance.now() - t0
        clearInterval(iv)
      }
    }, 5)
  })
}

export async function firstFrameMs(page: Page, timeoutMs: number): Promise<number | undefined> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const ms = await page.evaluate(() => (window as any).firstFrameMs as number | undefined)
    if (ms !== undefined) return ms
    await new Promise((r) => setTimeout(r, 50))
  }
  return undefined
}

/** Mesh publisher: camera (640x480 at 20 fps) and microphone, ready to offer to receivers. */
export async function meshPublisher(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const w = window as any
    w.meshStream = await navigator.mediaDevices.getUserMedia({
      audio: true,
      video: { width: 640, height: 480, frameRate: 20 },
    })
    w.meshPcs = []
  })
}

/** Offers the publisher's camera and microphone on a new connection (all candidates gathered). */
export function meshOffer(page: Page): Promise<{ index: number; sdp: string; at: number }> {
  return page.evaluate(async () => {
    const w = window as any
    const at = Date.now()
    const pc = new RTCPeerConnection()
    for (const track of w.meshStream.getTracks()) {
      const t = pc.addTransceiver(track, { direction: 'sendonly', streams: [w.meshStream] })
      if (track.kind === 'video') {
        const vp8 = RTCRtpSender.getCapabilities('video')!.codecs.filter((c) => /vp8/i.test(c.mimeType))
        t.setCodecPreferences(vp8)
      }
    }
    const index = w.meshPcs.push(pc) - 1
    await pc.setLocalDescription(await pc.createOffer())
    await gathered(pc)
    return { index, sdp: pc.localDescription!.sdp, at }

    function gathered(pc: RTCPeerConnection): Promise<void> {
      if (pc.iceGatheringState === 'complete') return Promise.resolve()
      return new Promise((resolve) => {
        const t = setTimeout(resolve, 3000)
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') {
            clearTimeout(t)
            resolve()
          }
        })
      })
    }
  })
}

/** A receiver page answers an offer; its first decoded frame is stamped with Date.now(). */
export function meshAnswer(page: Page, sdp: string): Promise<{ index: number; sdp: string }> {
  return page.evaluate(async (sdp) => {
    const w = window as any
    w.meshPcs ??= []
    w.meshFirstFrameAt ??= []
    const pc = new RTCPeerConnection()
    const index = w.meshPcs.length as number
    w.meshPcs.push(pc)
    pc.ontrack = (e) => {
      if (e.track.kind !== 'video') return
      const v = document.createElement('video')
      v.muted = true
      v.autoplay = true
      v.srcObject = new MediaStream([e.track])
      document.body.appendChild(v)
      const iv = setInterval(() => {
        if ((v as any).getVideoPlaybackQuality().totalVideoFrames > 0) {
          w.meshFirstFrameAt[index] = Date.now()
          clearInterval(iv)
        }
      }, 5)
    }
    await pc.setRemoteDescription({ type: 'offer', sdp })
    await pc.setLocalDescription(await pc.createAnswer())
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve()
      const t = setTimeout(resolve, 3000)
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') {
          clearTimeout(t)
          resolve()
        }
      })
    })
    return { index, sdp: pc.localDescription!.sdp }
  }, sdp)
}

export function meshAccept(page: Page, index: number, sdp: string): Promise<void> {
  return page.evaluate(
    async ({ index, sdp }) => {
      await (window as any).meshPcs[index].setRemoteDescription({ type: 'answer', sdp })
    },
    { index, sdp },
  )
}

export function meshFirstFrameAt(page: Page, index: number): Promise<number | undefined> {
  return page.evaluate((i) => (window as any).meshFirstFrameAt?.[i] as number | undefined, index)
}

/** When a subscriber page connected and subscribed to video (ms since its clock started), for BENCH_DEBUG. */
export function pageJoinSteps(page: Page): Promise<string> {
  return page.evaluate(() => {
    const w = window as any
    const events = w.lkEvents as any[]
    const signal = events.find((e) => e.ev === 'signalConnected')
    const sub = events.find((e) => e.ev === 'trackSubscribed' && e.kind === 'video')
    const since = [signal, sub].map((e) => (e ? e.t - w.firstFrameT0 : '-'))
    return `signal@${since[0]} connected@${w.connectedAt - w.firstFrameT0} video-subscribed@${since[1]} frame@${Math.round(w.firstFrameMs)}`
  })
}
