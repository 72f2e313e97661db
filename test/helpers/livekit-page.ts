/**
 * Pages running the unmodified livekit-client (its UMD build) against a test server, driven from
 * the test through small named actions. Each page is one participant with fake camera and mic.
 */
import path from 'node:path'
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import type { JoinResponse } from '#common/api/join.ts'
import type { CreateSessionResponse } from '#common/api/sessions.ts'
import type { TestBrowser } from './browser.ts'
import { createSession, joinAs } from './api.ts'

const UMD = path.resolve(import.meta.dirname, '../../node_modules/livekit-client/dist/livekit-client.umd.js')

export interface LkPage {
  page: Page
  close(): Promise<void>
}

/** Opens a page on the server's origin with livekit-client loaded and an event log. */
export async function livekitPage(browser: TestBrowser, serverUrl: string): Promise<LkPage> {
  const { context, page } = await browser.newPerson()
  await page.goto(`${serverUrl}/healthz`)
  await page.addScriptTag({ path: UMD })
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>
    w.lkEvents = [] as unknown[]
  })
  return { page, close: () => context.close() }
}

/** A teacher and a learner of one new session. */
export interface TeacherAndLearner {
  session: CreateSessionResponse
  teacherJoin: JoinResponse
  learnerJoin: JoinResponse
  teacher: LkPage
  learner: LkPage
}

/**
 * A new session whose teacher ('Ms. Li') and one learner are connected, each in a page of their
 * own; `teacherRoom` and `learnerRoom` are livekit-client Room options (the signalling path, say).
 */
export async function teacherAndLearner(
  browser: TestBrowser,
  serverUrl: string,
  o: { learnerName?: string; teacherRoom?: Record<string, unknown>; learnerRoom?: Record<string, unknown> } = {},
): Promise<TeacherAndLearner> {
  const session = await createSession(serverUrl)
  const teacherJoin = await joinAs(serverUrl, session.id, session.invites.teacher, 'Ms. Li')
  const learnerJoin = await joinAs(serverUrl, session.id, session.invites.learner, o.learnerName ?? 'Ann')
  const teacher = await livekitPage(browser, serverUrl)
  const learner = await livekitPage(browser, serverUrl)
  await lkConnect(teacher, teacherJoin, o.teacherRoom)
  await lkConnect(learner, learnerJoin, o.learnerRoom)
  return { session, teacherJoin, learnerJoin, teacher, learner }
}

/** Connects with the media url and token of a join response; resolves with the local sid. */
export async function lkConnect(p: LkPage, join: JoinResponse, options: Record<string, unknown> = {}): Promise<string> {
  return p.page.evaluate(
    async ({ url, token, options }) => {
      const LK = (window as any).LivekitClient
      const room = new LK.Room({
        adaptiveStream: false,
        dynacast: false,
        publishDefaults: { simulcast: false },
        ...options,
      })
      const log = (window as any).lkEvents as unknown[]
      ;(window as any).lkRoom = room
      // A test may act on the Room before it connects (livekit-client's debugging hooks).
      ;(window as any).lkBeforeConnect?.(room)
      for (const ev of [
        'participantConnected',
        'participantDisconnected',
        'trackSubscribed',
        'trackUnsubscribed',
        'trackMuted',
        'trackUnmuted',
        'dataReceived',
        'activeSpeakersChanged',
        'disconnected',
        'reconnecting',
        'reconnected',
        'participantMetadataChanged',
        'participantAttributesChanged',
        'roomMetadataChanged',
        'trackStreamStateChanged',
        'signalConnected',
        'connectionStateChanged',
      ]) {
        room.on(ev, (...args: any[]) => {
          const entry: Record<string, unknown> = { ev, t: Date.now() }
          if (ev === 'dataReceived') {
            entry.text = new TextDecoder().decode(args[0])
            entry.from = args[1]?.identity
            entry.topic = args[3]
          } else if (ev === 'trackSubscribed') {
            entry.kind = args[0]?.kind
            entry.source = args[1]?.source
            entry.from = args[2]?.identity
            const el = args[0].attach()
            el.muted = true
            el.dataset.from = args[2]?.identity
            el.dataset.source = args[1]?.source
            document.body.appendChild(el)
          } else if (ev === 'activeSpeakersChanged') {
            entry.speakers = args[0].map((p: any) => p.identity)
          } else if (ev === 'trackStreamStateChanged') {
            entry.kind = args[0]?.kind
            entry.state = args[1]
            entry.from = args[2]?.identity
          } else if (ev === 'disconnected') {
            entry.reason = args[0]
          } else if (ev === 'connectionStateChanged') {
            entry.state = args[0]
          } else {
            entry.who = args[0]?.identity ?? args[1]?.identity
            entry.kind = args[0]?.kind
          }
          log.push(entry)
        })
      }
      await room.connect(url, token)
      return room.localParticipant.sid as string
    },
    { url: join.media.url, token: join.media.token, options },
  )
}

/** Events seen so far on a page, filtered by name. */
export function lkEvents(p: LkPage, name?: string): Promise<Record<string, unknown>[]> {
  return p.page.evaluate((name) => {
    const all = (window as any).lkEvents as Record<string, unknown>[]
    return name ? all.filter((e) => e.ev === name) : all
  }, name)
}

/** Frames decoded and size of the video elements attached on a page (per publisher identity). */
export function lkVideoStats(p: LkPage): Promise<{ from: string; source: string; width: number; frames: number }[]> {
  return p.page.evaluate(() =>
    [...document.querySelectorAll('video')].map((v) => ({
      from: v.dataset.from ?? '',
      source: v.dataset.source ?? '',
      width: v.videoWidth,
      frames: (v as any).getVideoPlaybackQuality?.().totalVideoFrames ?? 0,
    })),
  )
}

/** Frames decoded so far of the video a page receives from `from` (its largest, if several). */
export async function lkFramesFrom(p: LkPage, from: string): Promise<number> {
  return (await lkVideoStats(p)).filter((v) => v.from === from).reduce((n, v) => Math.max(n, v.frames), 0)
}

/** Waits until the video from `from` has decoded `by` more frames than now. */
export async function lkFramesGrow(p: LkPage, from: string, by = 10, timeout = 20_000): Promise<void> {
  const before = await lkFramesFrom(p, from)
  await expect.poll(() => lkFramesFrom(p, from), { timeout }).toBeGreaterThan(before + by)
}

/** Samples the frames decoded from `from` every `everyMs` for `ms`; the longest stretch without a new one. */
export async function lkLongestStill(p: LkPage, from: string, ms: number, everyMs: number): Promise<number> {
  let last = await lkFramesFrom(p, from)
  let lastChange = Date.now()
  let longest = 0
  const end = Date.now() + ms
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, everyMs))
    const now = await lkFramesFrom(p, from)
    if (now > last) {
      longest = Math.max(longest, Date.now() - lastChange)
      last = now
      lastChange = Date.now()
    }
  }
  return Math.max(longest, Date.now() - lastChange)
}

/** Sends `text` on the page's reliable data channel, with `topic` if given. */
export function lkSendText(p: LkPage, text: string, topic?: string): Promise<void> {
  return p.page.evaluate(
    ({ text, topic }) =>
      (window as any).lkRoom.localParticipant.publishData(new TextEncoder().encode(text), { reliable: true, topic }),
    { text, topic },
  )
}
