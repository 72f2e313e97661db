/**
 * The 3D classroom's rendering budget with a full lecture hall: one browser (headless Chromium,
 * SwiftShader) in the lecture hall with 29 other people seated (y-websocket clients with presence),
 * reading draw calls and triangles of a frame from the `?stats=1` overlay, side by side with the
 * budget (issue #5: ≤ 150 draw calls, ≤ 300k triangles with 30 avatars), and the initial
 * JavaScript the join page downloads (gzip) against its 1.2 MB budget.
 *
 *   npm run bench:room
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { startTestServer } from '../../test/helpers/server.ts'
import { launchBrowser } from '../../test/helpers/browser.ts'
import { createSession, joinAs } from '../../test/helpers/api.ts'
import { connectDoc, waitSynced } from '../../test/helpers/collab-client.ts'
import { projectRoot } from '../../server/paths.ts'

const PEOPLE = 30
const server = await startTestServer()
const browser = await launchBrowser()
const providers: WebsocketProvider[] = []
try {
  const session = await createSession(server.url, { title: 'Budget' })
  const scene = JSON.parse(fs.readFileSync(path.join(projectRoot, 'scenes/lecture-hall/scene.json'), 'utf8')) as {
    seats: { id: string }[]
  }
  for (let i = 0; i < PEOPLE - 1; i++) {
    const join = await joinAs(server.url, session.id, session.invites.learner, `Learner ${i + 1}`)
    const p = connectDoc(join, 'control', new Y.Doc())
    providers.push(p)
    await waitSynced(p)
    p.awareness.setLocalState({ user: join.participant, place: 'remote', device: 'browser', seat: scene.seats[i]?.id })
  }

  const { page } = await browser.newPerson()
  await page.goto(`${session.links.teacher}&stats=1`)
  await page.getByLabel('Your name').fill('Teacher')
  await page.getByRole('button', { name: 'Join' }).click()
  await page.waitForFunction((n) => (window.atrium?.avatars().length ?? 0) >= n, PEOPLE - 1, { timeout: 60_000 })
  // Look down the hall at everyone (the teacher's spawn faces the seats).
  await page.waitForTimeout(3000)
  const text = await page.getByTestId('stats').innerText()
  const [, fps, calls, triangles] = /(\d+) fps · (\d+) draw calls · (\d+) triangles/.exec(text) ?? []

  const html = fs.readFileSync(path.join(projectRoot, 'dist/client/index.html'), 'utf8')
  const initial = [...html.matchAll(/(?:src|href)="\/_app\/([^"]+\.js)"/g)].map((m) => m[1]!)
  const gzip = initial.reduce(
    (n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(projectRoot, 'dist/client/_app', f)), { level: 9 }).length,
    0,
  )

  console.log(`Lecture hall with ${PEOPLE} people (one frame, SwiftShader; fps is the CPU renderer's, not a GPU's)`)
  console.log(`  avatars drawn      ${await page.evaluate(() => window.atrium!.avatars().length)}`)
  console.log(`  draw calls         ${calls}   (budget ≤ 150)`)
  console.log(`  triangles          ${triangles}   (budget ≤ 300000)`)
  console.log(`  frames per second  ${fps}`)
  console.log(
    `Initial JavaScript of the join page: ${(gzip / 1024).toFixed(0)} KiB gzip in ${initial.length} files   (budget ≤ 1200 KiB)`,
  )
} finally {
  for (const p of providers) p.destroy()
  await browser.close()
  await server.cleanup()
  // A benchmark ends by itself, even if a library leaves a handle open.
  setTimeout(() => process.exit(), 1000).unref()
}
