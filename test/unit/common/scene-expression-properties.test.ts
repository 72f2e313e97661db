/**
 * Property tests of the expression language with a seeded generator: whatever an author (or an
 * attacker uploading a package) writes, compiling never throws, evaluating never throws, and an
 * expression reads nothing but the slots of its own scope.
 */
import { describe, expect, it } from 'vitest'
import { compileSource, slotScope } from '#common/scene/expr/expression.ts'
import { FUNCTIONS } from '#common/scene/expr/functions.ts'
import { createRng, type Rng } from '../../helpers/rng.ts'

const scope = slotScope([
  ['t', 'number'],
  ['x', 'number'],
  ['y', 'number'],
  ['on', 'boolean'],
])
const HOSTILE = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'globalThis',
  'window',
  'process',
  'require',
  'this',
  'Function',
  'eval',
  'import',
  'fetch',
]
const NAMES = ['t', 'x', 'y', 'on', 'pi', 'e', ...HOSTILE]
const FNS = [...Object.keys(FUNCTIONS), ...HOSTILE]
const OPS = ['+', '-', '*', '/', '%', '^', '<', '<=', '>', '>=', '==', '!=', '&&', '||']
const NUMBERS = ['0', '1', '2.5', '.5', '1e308', '1e-9', '9.81', '360']

/** A random expression from the grammar, mostly well-formed, sometimes ill-typed or unknown. */
function genExpr(rng: Rng, depth: number): string {
  if (depth <= 0 || rng.chance(0.25)) return rng.chance(0.5) ? rng.pick(NUMBERS) : rng.pick(NAMES)
  switch (rng.int(0, 4)) {
    case 0:
      return `${genExpr(rng, depth - 1)} ${rng.pick(OPS)} ${genExpr(rng, depth - 1)}`
    case 1:
      return `${rng.pick(['-', '!', '+'])}${genExpr(rng, depth - 1)}`
    case 2: {
      const n = rng.int(0, 4)
      return `${rng.pick(FNS)}(${Array.from({ length: n }, () => genExpr(rng, depth - 1)).join(', ')})`
    }
    case 3:
      return `(${genExpr(rng, depth - 1)})`
    default:
      return `${genExpr(rng, depth - 1)} ? ${genExpr(rng, depth - 1)} : ${genExpr(rng, depth - 1)}`
  }
}

const JUNK = 'tx y on()+-*/%^<>=!&|?:,.0123456789e pi"\'`[]{};$#@\\\n\u0000\u00e9\u4e2d'

/** Random characters of the language mixed with junk: what a typo or fuzzing produces. */
function genNoise(rng: Rng): string {
  let s = ''
  const n = rng.int(0, 60)
  for (let i = 0; i < n; i++) s += JUNK[rng.int(0, JUNK.length - 1)]
  return s
}

function randomSlots(rng: Rng): number[] {
  const special = [0, -0, 1, -1, NaN, Infinity, -Infinity, 1e308, -1e-308]
  return [0, 1, 2, 3].map(() => (rng.chance(0.3) ? rng.pick(special) : (rng.next() - 0.5) * 1e4))
}

/** Slots that record every property read, to prove evaluation touches nothing else. */
function recordingSlots(values: number[], reads: Set<PropertyKey>): ArrayLike<number> {
  return new Proxy(values, {
    get(target, key, receiver) {
      reads.add(key)
      return Reflect.get(target, key, receiver)
    },
  })
}

describe('expression evaluator properties (seeded)', () => {
  it('never throws on random noise, and every error points inside the text', () => {
    const rng = createRng(0x5eed)
    for (let i = 0; i < 5000; i++) {
      const src = genNoise(rng)
      const r = compileSource(src, scope)
      if (!r.ok) {
        expect(r.error.column).toBeGreaterThanOrEqual(1)
        expect(r.error.column).toBeLessThanOrEqual(src.length + 1)
        expect(r.error.message.length).toBeGreaterThan(0)
      } else {
        expect(typeof r.run(randomSlots(rng))).toBe('number')
      }
    }
  })

  it('never throws on random expressions, returns numbers, and reads only its own slots', () => {
    const rng = createRng(42)
    let compiled = 0
    for (let i = 0; i < 5000; i++) {
      const src = genExpr(rng, rng.int(1, 6))
      const r = compileSource(src, scope)
      if (!r.ok) continue
      compiled++
      const values = randomSlots(rng)
      const reads = new Set<PropertyKey>()
      const a = r.run(recordingSlots(values, reads))
      expect(typeof a).toBe('number')
      expect(Object.is(a, r.run(values))).toBe(true)
      for (const key of reads) expect(['0', '1', '2', '3']).toContain(key)
    }
    // The generator must produce enough valid expressions for the property to mean something.
    expect(compiled).toBeGreaterThan(1000)
  })

  it('refuses every name outside the scope, however it is written', () => {
    const rng = createRng(7)
    for (const name of HOSTILE) {
      for (const form of [name, `${name}()`, `${name}(1)`, `x + ${name}`, `on ? ${name} : 1`]) {
        const r = compileSource(form, scope)
        expect(r.ok, form).toBe(false)
      }
    }
    for (let i = 0; i < 500; i++) {
      const src = `${genExpr(rng, 3)} + ${rng.pick(HOSTILE)}`
      expect(compileSource(src, scope).ok, src).toBe(false)
    }
  })
})
