/**
 * `scene dev`: the package being authored is served with a change stream; saving a valid edit
 * reloads it (and tells open browsers), saving a broken one prints the problems and keeps the
 * last good version.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDev, type DevServer } from '../../server/scenes/cli/dev-command.ts'
import { until } from '../helpers/collab-client.ts'

const fixture = path.resolve(import.meta.dirname, '../fixtures/scenes/valid/tiny-lab')
let parent: string
let dir: string
let dev: DevServer
const out: string[] = []
const err: string[] = []

beforeAll(async () => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-dev-test-'))
  dir = path.join(parent, 'tiny-lab')
  fs.cpSync(fixture, dir, { recursive: true })
  dev = await startDev(dir, '0', { out: (l) => out.push(l), err: (l) => err.push(l) }, { buildClient: false })
})
afterAll(async () => {
  await dev?.stop()
  fs.rmSync(parent, { recursive: true, force: true })
})

function editScene(change: (scene: Record<string, any>) => void): void {
  const file = path.join(dir, 'scene.json')
  const scene = JSON.parse(fs.readFileSync(file, 'utf8'))
  change(scene)
  fs.writeFileSync(file, JSON.stringify(scene))
}

const titleOf = async () =>
  ((await (await fetch(`${dev.atrium.url}/api/scenes/tiny-lab`)).json()) as { title: { en: string } }).title.en

describe('scene dev', () => {
  it('prints teacher and learner links of a session in the package', () => {
    expect(out.join('\n')).toMatch(/Teacher: http:\/\/127\.0\.0\.1:\d+\/s\/\w+\?invite=\w+/)
  })

  it('reloads on save and announces the change on the scene change stream', async () => {
    const res = await fetch(`${dev.atrium.url}/api/scenes/tiny-lab`)
    expect(res.headers.get('x-atrium-scene-watch')).toBe('1')
    const controller = new AbortController()
    const stream = await fetch(`${dev.atrium.url}/api/scenes/tiny-lab/changes`, { signal: controller.signal })
    const reader = stream.body!.getReader()
    let received = ''
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        received += new TextDecoder().decode(value)
      }
    })().catch(() => {})
    editScene((s) => (s.title = { en: 'Tiny lab, edited' }))
    await until(() => received.includes('event: change'), 8000, 'a change event')
    expect(await titleOf()).toBe('Tiny lab, edited')
    controller.abort()
    await reading
  })

  it('prints the problems of a broken save and keeps serving the last good version', async () => {
    editScene((s) => (s.lab.derived[0].value = '2 * lenght'))
    await until(() => err.some((l) => l.includes('lab.derived[0].value')), 8000, 'the problem to be printed')
    expect(err.find((l) => l.includes('lab.derived[0].value'))).toBe(
      '  scene.json: lab.derived[0].value: expression "2 * lenght": unknown variable "lenght"; did you mean "length"? (column 5)',
    )
    expect(await titleOf()).toBe('Tiny lab, edited')
  })
})
