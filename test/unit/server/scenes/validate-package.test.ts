/**
 * The validator against broken packages in test/fixtures/scenes/broken: each yields exactly the
 * message an author reads (file, JSON path, what to do), and the valid fixture yields none.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { validatePackage } from '../../../../server/scenes/package/validate-package.ts'
import { formatIssue } from '../../../../server/scenes/package/package-issue.ts'

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures/scenes')

const expected: [string, string[]][] = [
  ['bad-colour', ['scene.json: environment.floor.color: must be a colour like "#33aa77"']],
  [
    'countdown-without-duration',
    ['scene.json: lab.objects[3].duration: is required for a countdown: how many seconds it counts down from'],
  ],
  [
    'derived-out-of-order',
    [
      'scene.json: lab.derived[0].value: expression "1 / period": "period" is defined further down in lab.derived; move it above this one (column 5)',
    ],
  ],
  ['disguised-image', ['textures/wood.png: is not a PNG image (its first bytes do not match its extension)']],
  ['duplicate-ids', ['scene.json: lab.objects[1].id: duplicates the id "bob" already used at lab.objects[0].id']],
  [
    'expr-property-access',
    [
      'scene.json: lab.objects[5].value: expression "Math.PI * length": property access with "." is not allowed; use a variable name (column 5)',
    ],
  ],
  [
    'expr-syntax',
    [
      'scene.json: lab.objects[0].position[0]: expression "2 * (length": expected ")" but found end of expression (column 12)',
    ],
  ],
  [
    'expr-unknown-variable',
    [
      'scene.json: lab.derived[0].value: expression "2 * pi * sqrt(lenght / 9.81)": unknown variable "lenght"; did you mean "length"? (column 15)',
    ],
  ],
  [
    'expr-wrong-type',
    [
      'scene.json: lab.objects[0].visible: expression "length + 1": must be a boolean, not a number (compare with <, >, == or use near(a, b, tolerance)) (column 1)',
    ],
  ],
  [
    'forbidden-file-type',
    [
      'tools/setup.sh: is a ".sh" file, which scene packages may not contain; allowed: .json .md .txt .gltf .glb .bin .png .jpg .jpeg .webp .ktx2 .ogg .mp3 .wav',
    ],
  ],
  ['future-version', ['scene.json: formatVersion: is 9, newer than this Atrium understands (2); update Atrium']],
  [
    'id-not-folder',
    ['scene.json: id: is "another-name" but the folder is "id-not-folder"; rename one so they are equal'],
  ],
  [
    'initial-out-of-range',
    ['scene.json: lab.variables[0].initial: is 5 m, outside the range 0.1 to 2 m; change initial or the range'],
  ],
  [
    'invalid-gltf',
    [
      "models/bob.gltf: /asset: glTF UNDEFINED_PROPERTY: Property 'version' must be defined; re-export the model or check it at the glTF validator",
    ],
  ],
  ['lab-kind-without-lab', ['scene.json: lab: is required when kind is "lab": add variables, objects and steps']],
  ['min-above-max', ['scene.json: lab.variables[0].max: is 2, but must be greater than min (3)']],
  [
    'missing-asset',
    [
      'scene.json: lab.objects[0].parts[1].model: names "models/bob.glb", which is not in the package; add the file or fix the path',
    ],
  ],
  [
    'missing-readme',
    ['README.md: is missing; add one saying what the lab teaches and the credits and licences of its assets'],
  ],
  ['missing-variable-field', ['scene.json: lab.objects[1].variable: is required (string)']],
  [
    'path-escape',
    [
      'scene.json: environment.model: must be a relative path inside the package (letters, digits, "_", "-", ".", "/"; no ".." and no leading "/")',
    ],
  ],
  [
    'reserved-name',
    [
      'scene.json: lab.variables[1].id: "sin" is reserved (the clock t, constants and function names); choose another id',
    ],
  ],
  [
    'slider-on-boolean',
    ['scene.json: lab.objects[1].variable: "lamp" is a boolean variable, but this needs a number variable'],
  ],
  [
    'step-not-boolean',
    [
      'scene.json: lab.steps[0].done: expression "t": must be a boolean, not a number (compare with <, >, == or use near(a, b, tolerance)) (column 1)',
    ],
  ],
  [
    'unknown-field',
    [
      'scene.json: spwanPoints: is not a field here; check its spelling or remove it (scenes/FORMAT.md lists the fields)',
    ],
  ],
  [
    'unknown-kind',
    [
      'scene.json: lab.objects[1].kind: is "sliderr"; it must be one of "body", "grabbable", "button", "toggle", "slider", "dial", "readout", "timer", "probe", "spawner", "label"',
    ],
  ],
  [
    'unknown-timer',
    ['scene.json: lab.objects[4].actions[1].timer: there is no timer object "stopwatch" in lab.objects'],
  ],
]

async function messagesOf(dir: string): Promise<string[]> {
  const report = await validatePackage(dir, { expectId: path.basename(dir) })
  return report.issues.map(formatIssue)
}

const temps: string[] = []
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

/** A copy of the valid fixture in a temporary folder, to break at run time. */
function copyOfValid(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-pkg-'))
  temps.push(parent)
  const dir = path.join(parent, 'tiny-lab')
  fs.cpSync(path.join(fixtures, 'valid/tiny-lab'), dir, { recursive: true })
  return dir
}

describe('the scene package validator', () => {
  it('accepts the valid fixture', async () => {
    expect(await messagesOf(path.join(fixtures, 'valid/tiny-lab'))).toEqual([])
  })

  it('has a fixture for every broken case listed here, and no unlisted ones', () => {
    const dirs = fs.readdirSync(path.join(fixtures, 'broken')).sort()
    expect(dirs).toEqual([...expected.map(([n]) => n), 'not-json'].sort())
    expect(dirs.length).toBeGreaterThanOrEqual(15)
  })

  it.each(expected)('%s: says exactly what is wrong and where', async (name, messages) => {
    expect(await messagesOf(path.join(fixtures, 'broken', name))).toEqual(messages)
  })

  it('not-json: names the line and column of the syntax error', async () => {
    const [message, ...more] = await messagesOf(path.join(fixtures, 'broken/not-json'))
    expect(more).toEqual([])
    expect(message).toMatch(
      /^scene\.json: is not valid JSON at line 4, column 17: .+; check commas, quotes and brackets there$/,
    )
  })

  it('refuses a symbolic link, even to a file inside the package', async () => {
    const dir = copyOfValid()
    fs.symlinkSync(path.join(dir, 'README.md'), path.join(dir, 'notes.md'))
    expect(await messagesOf(dir)).toEqual(['notes.md: is a symbolic link; put the real file into the package instead'])
  })

  it('refuses a file over the size limit', async () => {
    const dir = copyOfValid()
    fs.writeFileSync(path.join(dir, 'big.bin'), Buffer.alloc(21 * 1024 * 1024))
    expect(await messagesOf(dir)).toEqual(['big.bin: is 21.0 MiB; files may be at most 20.0 MiB'])
  })

  it('refuses a package with too many files', async () => {
    const dir = copyOfValid()
    for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(dir, `note-${i}.txt`), 'x')
    expect(await messagesOf(dir)).toEqual(['(package): has 202 files; a package may have at most 200'])
  })

  it('accepts a valid glTF model that the scene uses', async () => {
    const dir = copyOfValid()
    fs.mkdirSync(path.join(dir, 'models'))
    fs.copyFileSync(path.join(fixtures, 'assets/triangle.gltf'), path.join(dir, 'models/triangle.gltf'))
    const scene = JSON.parse(fs.readFileSync(path.join(dir, 'scene.json'), 'utf8'))
    scene.lab.objects[0].parts.push({ shape: 'model', model: 'models/triangle.gltf' })
    fs.writeFileSync(path.join(dir, 'scene.json'), JSON.stringify(scene))
    expect(await messagesOf(dir)).toEqual([])
  })
})
