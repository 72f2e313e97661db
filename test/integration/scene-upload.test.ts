/**
 * Uploading scene packages: a teacher's or an admin's valid zip joins the catalog and can be used
 * for a session; malicious or broken zips are refused with a sentence naming the file, and
 * nothing at all is left in the data directory.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { createSession, joinAs } from '../helpers/api.ts'
import { folderEntries, makeZip, type ZipEntry } from '../helpers/zip.ts'

let server: TestServer
let teacherToken: string
let learnerToken: string
const fixture = path.resolve(import.meta.dirname, '../fixtures/scenes/valid/tiny-lab')

beforeAll(async () => {
  server = await startTestServer()
  const s = await createSession(server.url, { title: 'Uploads' })
  teacherToken = (await joinAs(server.url, s.id, s.invites.teacher, 'Ms. Li')).token
  learnerToken = (await joinAs(server.url, s.id, s.invites.learner, 'Wang Fang')).token
})
afterAll(async () => {
  await server?.cleanup()
})

function packageEntries(id: string, change?: (scene: Record<string, any>) => void): ZipEntry[] {
  return folderEntries(fixture).map((e) => {
    if (e.name !== 'scene.json') return e
    const scene = JSON.parse(String(e.data))
    scene.id = id
    change?.(scene)
    return { ...e, data: JSON.stringify(scene) }
  })
}

async function upload(body: Buffer, token = teacherToken, type = 'application/zip') {
  const res = await fetch(`${server.url}/api/scenes`, {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new Uint8Array(body),
  })
  return { status: res.status, json: (await res.json()) as Record<string, any> }
}

/** Everything under the data directory's scene folders: refused uploads must leave nothing. */
function storedFiles(): string[] {
  const out: string[] = []
  for (const top of ['scenes', 'scenes.incoming']) {
    const dir = path.join(server.dataDir, top)
    if (fs.existsSync(dir)) out.push(...fs.readdirSync(dir, { recursive: true }).map((f) => `${top}/${String(f)}`))
  }
  return out.sort()
}

async function catalogIds(): Promise<string[]> {
  const res = await fetch(`${server.url}/api/scenes`)
  return ((await res.json()) as { scenes: { id: string }[] }).scenes.map((s) => s.id)
}

describe('uploading a scene package', () => {
  it('a teacher uploads a valid package; it is in the catalog, its files are served, and a session can use it', async () => {
    const r = await upload(makeZip(packageEntries('acme.tiny-lab')))
    expect(r).toMatchObject({ status: 201, json: { id: 'acme.tiny-lab', kind: 'lab', files: 2, replaced: false } })
    expect(await catalogIds()).toContain('acme.tiny-lab')
    const readme = await fetch(`${server.url}/scenes/acme.tiny-lab/README.md`)
    expect(readme.status).toBe(200)
    expect(await readme.text()).toContain('Tiny lab')
    const session = await createSession(server.url, { title: 'Uploaded lab', scene: 'acme.tiny-lab' })
    expect(session.scene).toBe('acme.tiny-lab')
  })

  it('the same teacher may replace it; a package zipped inside its folder is read the same', async () => {
    const entries = packageEntries('acme.tiny-lab', (s) => (s.title = { en: 'Tiny lab, second edition' }))
    const r = await upload(makeZip(entries.map((e) => ({ ...e, name: `acme.tiny-lab/${e.name}` }))))
    expect(r).toMatchObject({ status: 200, json: { id: 'acme.tiny-lab', replaced: true } })
    const scene = (await (await fetch(`${server.url}/api/scenes/acme.tiny-lab`)).json()) as { title: { en: string } }
    expect(scene.title.en).toBe('Tiny lab, second edition')
  })

  it('an admin uploads too; a learner may not, and nobody without a token', async () => {
    expect((await upload(makeZip(packageEntries('acme.admin-lab')), server.adminToken)).status).toBe(201)
    const learner = await upload(makeZip(packageEntries('acme.learner-lab')), learnerToken)
    expect(learner).toMatchObject({
      status: 403,
      json: { error: { message: 'Only teachers and admins upload scene packages.' } },
    })
    expect((await upload(makeZip(packageEntries('acme.anon-lab')), '')).status).toBe(401)
  })

  it('a package may not take a built-in scene id', async () => {
    const r = await upload(makeZip(packageEntries('pendulum')))
    expect(r).toMatchObject({
      status: 403,
      json: { error: { message: '"pendulum" is a built-in scene; give your package another id.' } },
    })
  })
})

describe('refusing malicious and broken zips, storing nothing', () => {
  const cases: [string, () => Buffer, number, string][] = [
    [
      'a path that climbs out of the folder',
      () => makeZip([...packageEntries('evil.traversal'), { name: '../../outside.md', data: 'owned' }]),
      400,
      'The package was refused: ../../outside.md: leaves the package folder (absolute path or ".."); every file must stay inside it.',
    ],
    [
      'an absolute path',
      () => makeZip([...packageEntries('evil.absolute'), { name: '/etc/cron.d/x.txt', data: 'owned' }]),
      400,
      'The package was refused: /etc/cron.d/x.txt: leaves the package folder (absolute path or ".."); every file must stay inside it.',
    ],
    [
      'a symbolic link',
      () =>
        makeZip([
          ...packageEntries('evil.link'),
          { name: 'notes.md', data: '/etc/passwd', mode: 0o120777, store: true },
        ]),
      400,
      'The package was refused: notes.md: is a symbolic link; put the real file into the package instead.',
    ],
    [
      'a zip bomb (a tiny entry that unpacks to 20 MiB of zeros)',
      () => makeZip([...packageEntries('evil.bomb'), { name: 'data.bin', data: Buffer.alloc(20 * 1024 * 1024) }]),
      400,
      'The package was refused: data.bin: is compressed over 200 times: this looks like a zip bomb and is refused.',
    ],
    [
      'a bomb that lies about its size',
      () =>
        makeZip([
          ...packageEntries('evil.liar'),
          { name: 'data.bin', data: Buffer.alloc(60 * 1024 * 1024), declaredSize: 1000 },
        ]),
      400,
      'The package was refused: data.bin: does not unpack to what the zip declares (too many bytes in the stream. expected 1000. got at least 16384); it may be damaged or a zip bomb.',
    ],
    [
      'an executable',
      () => makeZip([...packageEntries('evil.exe'), { name: 'setup.exe', data: 'MZ' }]),
      400,
      'The package was refused: setup.exe: is a ".exe" file, which scene packages may not contain.',
    ],
    [
      'a file that is not what its name says',
      () => makeZip([...packageEntries('evil.disguise'), { name: 'texture.png', data: '#!/bin/sh\n' }]),
      400,
      'The package has 1 problem; run `npm run scene -- validate` on it for the same list.',
    ],
    [
      'a scene with a broken expression',
      () => makeZip(packageEntries('evil.expr', (s) => (s.lab.derived[0].value = 'process.exit(1)'))),
      400,
      'The package has 1 problem; run `npm run scene -- validate` on it for the same list.',
    ],
    ['something that is not a zip', () => Buffer.from('PK not really'), 400, ''],
  ]

  it.each(cases)('refuses %s', async (_what, build, status, message) => {
    const before = storedFiles()
    const r = await upload(build())
    expect(r.status).toBe(status)
    if (message) expect(r.json.error.message).toBe(message)
    else expect(r.json.error.message).toMatch(/^The package was refused: \(zip\): is not a readable zip file/)
    expect(storedFiles()).toEqual(before)
  })

  it('says which file and field is wrong in a refused scene', async () => {
    const r = await upload(makeZip(packageEntries('evil.expr2', (s) => (s.lab.derived[0].value = 'process.exit(1)'))))
    expect(r.json.error.issues).toEqual([
      {
        path: 'scene.json: lab.derived[0].value',
        message:
          'expression "process.exit(1)": property access with "." is not allowed; use a variable name (column 8)',
      },
    ])
  })

  it('refuses an oversized upload by its length, before reading it', async () => {
    const before = storedFiles()
    const r = await upload(Buffer.alloc(26 * 1024 * 1024))
    expect(r).toMatchObject({
      status: 413,
      json: { error: { code: 'payload_too_large', message: 'The zip is larger than 25.0 MiB.' } },
    })
    expect(storedFiles()).toEqual(before)
  })

  it('none of the refused packages reached the catalog', async () => {
    expect((await catalogIds()).filter((id) => id.startsWith('evil.'))).toEqual([])
  })
})
