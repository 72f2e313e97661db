/**
 * Same state + same time → same transforms on every client. Two clients change a lab at random
 * (seeded), their updates are delivered in random order, and afterwards both compute identical
 * transforms, part by part and bit for bit, at many shared clock readings. Nothing per frame is
 * sent; only this determinism makes everyone see the same motion.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyClockOp, LabDoc, LAB_CLOCK_KEY, readLabSnapshot, type ClockOp } from '#common/collab/lab-doc.ts'
import { createLabRuntime } from '#common/scene/lab-runtime.ts'
import { compilePart, compileTransform, evaluateTransform } from '#common/scene/lab-transforms.ts'
import type { Lab } from '#common/scene/lab-schema.ts'
import { builtInLab } from '../helpers/scenes.ts'
import { createRng, type Rng } from '../helpers/rng.ts'

const T0 = 1_800_000_000_000

/** What a client draws: every object's and part's transform, opacity and glow at a server time. */
function frame(lab: Lab, doc: Y.Doc, now: number): unknown[] {
  const rt = createLabRuntime(lab)
  rt.update(readLabSnapshot(doc), now)
  return lab.objects.map((o) => ({
    id: o.id,
    ...evaluateTransform(compileTransform(rt, o), rt.slots),
    parts: (o.parts ?? []).map((p) => {
      const c = compilePart(rt, p)
      return { ...evaluateTransform(c, rt.slots), opacity: c.opacity(rt.slots), glow: c.glow(rt.slots) }
    }),
  }))
}

function randomChange(rng: Rng, lab: Lab, doc: Y.Doc, now: number): void {
  const v = rng.pick(lab.variables)
  const timers = lab.objects.filter((o) => o.kind === 'timer').map((o) => o.id)
  const clocks = doc.getMap(LabDoc.clocks)
  switch (rng.int(0, 2)) {
    case 0:
      doc.getMap(LabDoc.vars).set(v.id, v.type === 'number' ? v.min + rng.next() * (v.max - v.min) : rng.chance(0.5))
      break
    case 1: {
      const key = timers.length > 0 && rng.chance(0.4) ? rng.pick(timers) : LAB_CLOCK_KEY
      const op = rng.pick<ClockOp>(['start', 'stop', 'reset', 'restart', 'toggle'])
      clocks.set(key, applyClockOp(readLabSnapshot(doc).clocks[key], op, now))
      break
    }
    default:
      doc.getMap(LabDoc.positions).set('somewhere', [rng.next(), 0.9, rng.next()])
  }
}

describe.each(['pendulum', 'optics-bench', 'dc-circuit'])('%s on two clients', (id) => {
  it('converges and draws identical frames after random changes delivered in random order', () => {
    const rng = createRng(id.length * 7919)
    const lab = builtInLab(id)
    const a = new Y.Doc()
    const b = new Y.Doc()
    const toB: Uint8Array[] = []
    const toA: Uint8Array[] = []
    a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && toB.push(u))
    b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && toA.push(u))
    let now = T0
    for (let i = 0; i < 300; i++) {
      now += rng.int(0, 500)
      randomChange(rng, lab, rng.chance(0.5) ? a : b, now)
      // Deliver some pending updates, in a random order, to a random side.
      for (const [queue, doc] of [
        [toB, b],
        [toA, a],
      ] as const) {
        while (queue.length > 0 && rng.chance(0.4)) {
          const [u] = queue.splice(rng.int(0, queue.length - 1), 1)
          Y.applyUpdate(doc, u!, 'remote')
        }
      }
    }
    for (const u of toB.splice(0)) Y.applyUpdate(b, u, 'remote')
    for (const u of toA.splice(0)) Y.applyUpdate(a, u, 'remote')
    expect(readLabSnapshot(a)).toEqual(readLabSnapshot(b))
    for (let k = 0; k < 50; k++) {
      const at = now + rng.int(0, 60_000)
      expect(frame(lab, a, at)).toStrictEqual(frame(lab, b, at))
    }
  })

  it('moves with the shared clock alone: the same state at the same time gives the same frame', () => {
    const lab = builtInLab(id)
    const doc = new Y.Doc()
    doc.getMap(LabDoc.clocks).set(LAB_CLOCK_KEY, applyClockOp(undefined, 'restart', T0))
    expect(frame(lab, doc, T0 + 1234)).toStrictEqual(frame(lab, doc, T0 + 1234))
  })
})

describe('pendulum motion', () => {
  it('actually moves with the clock (the determinism above is not of a still picture)', () => {
    const lab = builtInLab('pendulum')
    const doc = new Y.Doc()
    doc.getMap(LabDoc.clocks).set(LAB_CLOCK_KEY, applyClockOp(undefined, 'restart', T0))
    const angleAt = (ms: number) => (frame(lab, doc, T0 + ms)[0] as { rotation: number[] }).rotation[2]
    expect(angleAt(0)).toBeCloseTo(10, 9)
    expect(angleAt(500)).not.toBeCloseTo(10, 1)
  })
})
