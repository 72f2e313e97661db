import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LAB_CLOCK_KEY, readLabSnapshot } from '#common/collab/lab-doc.ts'
import { runLabActions, snapValue } from '#common/collab/lab-writes.ts'
import { createLabRuntime } from '#common/scene/lab-runtime.ts'
import type { LabVariable } from '#common/scene/lab-schema.ts'
import { builtInLab } from '../../helpers/scenes.ts'

const length: LabVariable = {
  id: 'length',
  type: 'number',
  label: { en: 'L' },
  unit: 'm',
  min: 0.2,
  max: 2,
  step: 0.01,
  initial: 1,
}

describe('lab actions on the document', () => {
  it('clamps numbers to the range and snaps them to the step without float noise', () => {
    expect(snapValue(length, 0.304999)).toBe(0.3)
    expect(snapValue(length, 7)).toBe(2)
    expect(snapValue(length, -1)).toBe(0.2)
    expect(snapValue(length, Number.NaN)).toBe(1)
  })

  it('runs a button: release restarts the lab clock at the given server time', () => {
    const lab = builtInLab('pendulum')
    const doc = new Y.Doc()
    const release = lab.objects.find((o) => o.id === 'release')!
    if (release.kind !== 'button') throw new Error('release is a button')
    runLabActions(lab, doc, createLabRuntime(lab), release.actions, 5000)
    expect(readLabSnapshot(doc).clocks[LAB_CLOCK_KEY]).toEqual({ running: true, startedAt: 5000, base: 0 })
  })

  it('evaluates set expressions on the state so far, clamped to the variable', () => {
    const lab = builtInLab('dc-circuit')
    const doc = new Y.Doc()
    const rt = createLabRuntime(lab)
    runLabActions(
      lab,
      doc,
      rt,
      [
        { do: 'set', variable: 'R1', value: 40 },
        { do: 'set', variable: 'R2', value: 'R1 * 3' },
        { do: 'toggle', variable: 'closed' },
      ],
      0,
    )
    expect(readLabSnapshot(doc).vars).toEqual({ R1: 40, R2: 100, closed: true })
  })
})
