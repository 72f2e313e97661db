/**
 * In a headset the controller is a pen: its ray on a board of the 3D room, with the trigger held,
 * draws a stroke that lands in the shared board document where the ray pointed; a tracked hand
 * does the same with a pinch. The headset is iwer's emulated Quest 3 (`?xr-emulator=scripted`,
 * the browser's own WebXR off); the test moves its right controller (or hand) and presses its
 * trigger (or pinches). Another participant, a Node y-websocket client, reads the board document.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { defaultPageId, inkPoints, itemsOf, readItem } from '#common/collab/board-doc.ts'
import { loadScene } from '#common/scene/load.ts'
import { projectRoot } from '../../server/paths.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { connectDoc, until, waitSynced } from '../helpers/collab-client.ts'
import { nextFrames } from '../helpers/xr-page.ts'

let server: TestServer
let browser: TestBrowser
beforeAll(async () => {
  server = await startTestServer()
  // Without the browser's own WebXR, the emulator installs itself as navigator.xr.
  browser = await launchBrowser(['--disable-blink-features=WebXR'])
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

const scene = loadScene(JSON.parse(fs.readFileSync(path.join(projectRoot, 'scenes/lecture-hall/scene.json'), 'utf8')))
if (!scene.ok) throw new Error('the lecture hall scene does not load')
const board = scene.scene.boards[0]!
const PAGE = [1600, 900] as const

/**
 * Where a page point is in the room: the board faces +z (rotation 0, checked below) and shows the
 * page as large as fits, centred.
 */
function roomPoint(px: number, py: number): [number, number, number] {
  const [bw, bh] = board.size
  const k = Math.min(bw / PAGE[0], bh / PAGE[1])
  const [cx, cy, cz] = board.position
  return [cx + (px - PAGE[0] / 2) * k, cy - (py - PAGE[1] / 2) * k, cz]
}

type Input = 'controller' | 'hand'

/** Puts the right controller (or hand) 0.8 m in front of a page point, its ray straight at the board. */
async function aimAt(page: Page, input: Input, px: number, py: number): Promise<void> {
  const [x, y, z] = roomPoint(px, py)
  await page.evaluate(
    (p) => {
      const d = window.atrium!.xrDevice()!
      const right = p.input === 'hand' ? d.hands.right! : d.controllers.right!
      // The headset's space is the XR origin's, which stands (and turns) where the wearer stands.
      const o = window.atrium!.player()
      const [dx, dy, dz] = [p.x - o.x, p.y - o.y, p.z - o.z]
      const [c, s] = [Math.cos(o.yaw), Math.sin(o.yaw)]
      right.position.set(c * dx - s * dz, dy, s * dx + c * dz)
      // Pointing down the room's −z: turned back by the origin's yaw.
      right.quaternion.set(0, Math.sin(-o.yaw / 2), 0, Math.cos(-o.yaw / 2))
    },
    { input, x, y, z: z + 0.8 },
  )
  await nextFrames(page, 2)
}

/** The trigger pulled (or fingers pinched) to `value`. */
async function press(page: Page, input: Input, value: 0 | 1): Promise<void> {
  await page.evaluate(
    ([input, v]) => {
      const d = window.atrium!.xrDevice()!
      if (input === 'hand') d.hands.right!.updatePinchValue(v)
      else d.controllers.right!.updateButtonValue('trigger', v)
    },
    [input, value] as const,
  )
  await nextFrames(page, 2)
}

/** A wave from left to right across the middle of the page, in page units. */
const wave = Array.from({ length: 16 }, (_, i) => [300 + i * 64, 450 + Math.sin(i / 2.5) * 120] as const)

describe('a headset draws on a board', () => {
  it.each([
    ['controller', 'the trigger-held ray of a controller'],
    ['hand', 'the ray of a pinching hand'],
  ] as const)('%s: %s draws a stroke that lands where it pointed, for everyone', async (input, _how) => {
    expect(board.rotation).toEqual([0, 0, 0])
    const session = await createSession(server.url, { title: 'Vectors in VR' })
    const watcher = await joinAs(server.url, session.id, session.invites.learner, 'Watcher')
    const boards = connectDoc(watcher, 'boards', new Y.Doc())
    await waitSynced(boards)

    const { context, page } = await browser.newPerson()
    await page.goto(`${session.links.teacher}&xr-emulator=scripted`)
    await page.getByLabel('Your name').fill('Ms. Li')
    await page.getByRole('button', { name: 'Join' }).click()
    // In the room, the 3D view drawing frames, the emulated headset installed.
    await page.waitForFunction(() => (window.atrium?.frames ?? 0) > 3 && !!window.atrium!.xrDevice(), undefined, {
      timeout: 30_000,
    })
    await page.evaluate((input) => {
      window.atrium!.xrDevice()!.primaryInputMode = input
      return window.atrium!.xr.enterVR()
    }, input)
    await page.waitForFunction(
      (input) =>
        window
          .atrium!.xr.getState()
          .inputSourceStates.some((s) => s.type === input && s.inputSource.handedness === 'right'),
      input,
      { timeout: 20_000 },
    )

    // Pointing without the trigger (or pinch) draws nothing.
    for (const [px, py] of wave.slice(0, 6)) await aimAt(page, input, px, py)
    await nextFrames(page, 3)
    expect(itemsOf(boards.doc).size).toBe(0)

    // Trigger held: the ray draws along the wave; released, the stroke ends.
    await aimAt(page, input, ...wave[0]!)
    await press(page, input, 1)
    for (const [px, py] of wave.slice(1)) await aimAt(page, input, px, py)
    await press(page, input, 0)
    await aimAt(page, input, 800, 150)

    const strokes = () => [...itemsOf(boards.doc)].map(([id, map]) => ({ item: readItem(id, map), map }))
    await until(
      () => strokes().some(({ item, map }) => item?.kind === 'ink' && (inkPoints(map, false)?.length ?? 0) >= 12),
      15_000,
      'the stroke at the other participant',
    )
    const all = strokes()
    expect(all).toHaveLength(1)
    const { item, map } = all[0]!
    expect(item).toMatchObject({ kind: 'ink', page: defaultPageId(board.id) })
    expect(item!.by).not.toBe(watcher.participant.identity)
    // Every point lies on the wave where the ray met the board (within a few page units).
    const points = inkPoints(map, item!.kind === 'ink' && item!.pressure)!
    expect(points[0]!.x).toBeCloseTo(wave[0]![0], -1)
    expect(points[0]!.y).toBeCloseTo(wave[0]![1], -1)
    expect(points.at(-1)!.x).toBeCloseTo(wave.at(-1)![0], -1)
    expect(points.at(-1)!.y).toBeCloseTo(wave.at(-1)![1], -1)
    for (const p of points) {
      const i = (p.x - wave[0]![0]) / 64
      const expectedY = 450 + Math.sin(Math.round(i) / 2.5) * 120
      expect(Math.abs(p.y - expectedY)).toBeLessThan(60)
    }
    // And the headset's own board shows it.
    const seen = await page.evaluate(() => window.atrium!.boards().pixels().inked)
    expect(seen).toBeGreaterThan(200)

    boards.destroy()
    await context.close()
  })
})
