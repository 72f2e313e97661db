/**
 * Pictures for image items: anyone who may draw uploads a PNG or JPEG and gets its content address
 * and size; anything else, or anyone who may not draw right now, gets a clear error and nothing is
 * stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ControlDoc } from '#common/collab/doc-layout.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { connectDoc, waitSynced } from '../helpers/collab-client.ts'
import { makePdf, makePng, postBytes } from '../helpers/board-fixtures.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ ATRIUM_UPLOAD_MAX_MB: '1' })
})
afterAll(() => server?.cleanup())

async function lesson() {
  const s = await createSession(server.url)
  const images = `${server.url}/api/sessions/${s.id}/boards/images`
  return { s, images, join: (invite: string, name: string) => joinAs(server.url, s.id, invite, name) }
}

describe('image uploads for image items', () => {
  it("a learner's PNG is stored once and can be fetched by everyone in the lesson", async () => {
    const { s, images, join } = await lesson()
    const learner = await join(s.invites.learner, 'Wang Fang')
    const png = makePng(320, 200, [20, 120, 60])
    const res = await postBytes(images, learner.token, png, 'image/png')
    expect(res.status).toBe(201)
    expect(res.json).toEqual({ asset: expect.stringMatching(/^[0-9a-f]{64}$/), kind: 'png', width: 320, height: 200 })
    const before = server.atrium.boards.files.count()
    expect((await postBytes(images, learner.token, png, 'image/png')).json.asset).toBe(res.json.asset)
    expect(server.atrium.boards.files.count()).toBe(before)
    const other = await join(s.invites.learner, 'Li Lei')
    const file = await fetch(`${server.url}/api/sessions/${s.id}/boards/assets/${res.json.asset}`, {
      headers: { authorization: `Bearer ${other.token}` },
    })
    expect(file.status).toBe(200)
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(png))).toBe(true)
  })

  it.each([
    ['a PDF', () => makePdf(1), 415, /Only PNG and JPEG/],
    ['a PNG with a broken header', async () => makePng(4, 4).slice(0, 20), 400, /PNG image is damaged/],
    ['an empty body', async () => new Uint8Array(), 400, /empty/],
    ['a file over the size limit', async () => new Uint8Array(1024 * 1024 + 10).fill(37), 413, /upload limit of 1 MB/],
  ])('%s gets a clear error and nothing is stored', async (_what, make, status, message) => {
    const { s, images, join } = await lesson()
    const learner = await join(s.invites.learner, 'Wang Fang')
    const before = server.atrium.boards.files.count()
    const res = await postBytes(images, learner.token, await make())
    expect(res.status).toBe(status)
    expect(res.json.error.message).toMatch(message)
    expect(server.atrium.boards.files.count()).toBe(before)
  })

  it('observers may not add pictures, nor learners while the boards are locked; the teacher still may', async () => {
    const { s, images, join } = await lesson()
    const teacher = await join(s.invites.teacher, 'Ms. Li')
    const learner = await join(s.invites.learner, 'Wang Fang')
    const observer = await join(s.invites.observer, 'Inspector')
    const png = makePng(8, 8)
    const refused = await postBytes(images, observer.token, png)
    expect(refused.status).toBe(403)
    expect(refused.json.error.message).toMatch(/watches the boards/)

    const control = connectDoc(teacher, 'control')
    await waitSynced(control)
    control.doc.getMap(ControlDoc.locks).set('boards', true)
    const before = server.atrium.boards.files.count()
    await expect.poll(async () => (await postBytes(images, learner.token, png)).status, { timeout: 5000 }).toBe(403)
    expect((await postBytes(images, learner.token, png)).json.error.message).toMatch(/locked the boards/)
    expect(server.atrium.boards.files.count()).toBe(before)
    expect((await postBytes(images, teacher.token, png)).status).toBe(201)
    control.destroy()
  })
})
