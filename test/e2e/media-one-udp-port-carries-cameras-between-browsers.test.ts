/**
 * ATRIUM_RTC_PORTS with one port, in the browser: the unmodified livekit-client in two headless
 * Chromium pages, one on `/rtc/v1` (one peer connection) and one on the classic `/rtc` (two),
 * publish fake cameras and microphones to each other, and each decodes the other's 640x480
 * video, while the embedded SFU receives and sends all of it on that one UDP port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { lkEvents, lkVideoStats, teacherAndLearner, type LkPage } from '../helpers/livekit-page.ts'
import { freeUdpPort } from '../helpers/server-process.ts'

let server: TestServer
let browser: TestBrowser
let port: number

beforeAll(async () => {
  port = await freeUdpPort()
  server = await startTestServer({ ATRIUM_RTC_PORTS: String(port) })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

function publishCameraAndMicrophone(p: LkPage): Promise<void> {
  return p.page.evaluate(async () => {
    const room = (window as any).lkRoom
    await room.localParticipant.setCameraEnabled(true, { resolution: { width: 640, height: 480, frameRate: 20 } })
    await room.localParticipant.setMicrophoneEnabled(true)
  })
}

/** The server's candidates as the page's connections hold them (remote candidates of each pair). */
function serverPorts(p: LkPage): Promise<number[]> {
  return p.page.evaluate(async () => {
    const engine = (window as any).lkRoom.engine
    const pcs = [engine.pcManager?.publisher, engine.pcManager?.subscriber]
      .map((t: any) => t?.pc as RTCPeerConnection | undefined)
      .filter((pc): pc is RTCPeerConnection => !!pc && pc.connectionState === 'connected')
    const ports: number[] = []
    for (const pc of pcs)
      (await pc.getStats()).forEach((s: any) => {
        if (s.type === 'remote-candidate') ports.push(s.port)
      })
    return ports
  })
}

async function decodes(p: LkPage, from: string): Promise<void> {
  const video = async () => (await lkVideoStats(p)).find((v) => v.from === from)
  await expect.poll(async () => (await video())?.width ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(640)
  const first = (await video())!.frames
  await expect.poll(async () => (await video())!.frames, { timeout: 10_000 }).toBeGreaterThan(first + 10)
}

describe('live media through one UDP port (ATRIUM_RTC_PORTS=<port>)', () => {
  it('a /rtc/v1 browser and a classic /rtc browser each decode the other’s camera', async () => {
    const {
      teacher: a,
      learner: b,
      teacherJoin: teacher,
      learnerJoin: learner,
    } = await teacherAndLearner(browser, server.url, {
      learnerName: 'Wang Fang',
      learnerRoom: { singlePeerConnection: false },
    })
    await publishCameraAndMicrophone(a)
    await publishCameraAndMicrophone(b)

    for (const page of [a, b])
      await expect
        .poll(async () => (await lkEvents(page, 'trackSubscribed')).map((e) => e.kind).sort(), { timeout: 20_000 })
        .toEqual(['audio', 'video'])
    await decodes(b, teacher.participant.identity)
    await decodes(a, learner.participant.identity)

    // Every connection of both pages reached the server on the one port; the server holds one
    // socket for the three (A's one connection, B's two), routed by their ufrags.
    for (const page of [a, b]) {
      const ports = await serverPorts(page)
      expect(ports.length).toBeGreaterThan(0)
      for (const p of ports) expect(p).toBe(port)
    }
    await a.close()
    await b.close()
  })
})
