/**
 * The layout INSIDE a lab document (`session/<sid>/lab/<sceneId>`, see doc-layout.ts): the live
 * state of one lab in one room or breakout group. The scene package holds the initial state;
 * this document holds only what participants changed, so "reset" is "clear every map".
 * Spec: common/protocol/PROTOCOL.md, "lab".
 *
 * Every value read from here came over the network from another participant: readers parse it
 * (readLabSnapshot) and fall back to the package's initial state for anything malformed.
 */
import type * as Y from 'yjs'
import { z } from 'zod'

/** Top-level shared types of a lab document. */
export const LabDoc = {
  /** Y.Map<number | boolean>: variable id → current value; absent means the package's `initial`. */
  vars: 'vars',
  /** Y.Map<ClockState>: `t` is the lab clock; other keys are timer object ids. */
  clocks: 'clocks',
  /** Y.Map<[x, y, z]>: where a free grabbable was put (metres). */
  positions: 'positions',
  /** Y.Map<SpawnedItem>: copies placed by spawners, by generated id. */
  spawned: 'spawned',
  /** Y.Map<StepCompletion>: guided steps completed, by step id. */
  steps: 'steps',
  /** Y.Map: `resetAt` (server ms), `resetBy` (identity) of the last reset. */
  meta: 'meta',
} as const

/** The key of the lab clock in `clocks`. */
export const LAB_CLOCK_KEY = 't'

/**
 * A clock that can run and pause: its reading is `base + (now − startedAt) / 1000` seconds while
 * running and `base` while paused. `startedAt` is server time (ms), so every client reads the same.
 */
export const clockStateSchema = z.strictObject({
  running: z.boolean(),
  startedAt: z.number().finite(),
  base: z.number().finite().min(0),
})
export type ClockState = z.infer<typeof clockStateSchema>
export const STOPPED_CLOCK: ClockState = { running: false, startedAt: 0, base: 0 }

const vec3 = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()])

export const spawnedItemSchema = z.strictObject({
  /** The spawner object's id. */
  spawner: z.string().max(64),
  position: vec3,
  /** Identity of who placed it. */
  by: z.string().max(64),
})
export type SpawnedItem = z.infer<typeof spawnedItemSchema>

export const stepCompletionSchema = z.strictObject({
  /** Server time (ms). */
  at: z.number().finite(),
  /** Identity and name of the participant whose action completed it. */
  by: z.string().max(64),
  name: z.string().max(64),
})
export type StepCompletion = z.infer<typeof stepCompletionSchema>

/** A plain, validated copy of a lab document. */
export interface LabSnapshot {
  vars: Record<string, number | boolean>
  clocks: Record<string, ClockState>
  positions: Record<string, [number, number, number]>
  spawned: Record<string, SpawnedItem>
  steps: Record<string, StepCompletion>
}

export const EMPTY_LAB_SNAPSHOT: LabSnapshot = { vars: {}, clocks: {}, positions: {}, spawned: {}, steps: {} }

function readMap<T>(doc: Y.Doc, name: string, schema: z.ZodType<T>): Record<string, T> {
  const out: Record<string, T> = Object.create(null)
  doc.getMap(name).forEach((value, key) => {
    const r = schema.safeParse(value)
    if (r.success) out[key] = r.data
  })
  return out
}

/** Reads the whole document, dropping anything malformed. */
export function readLabSnapshot(doc: Y.Doc): LabSnapshot {
  return {
    vars: readMap(doc, LabDoc.vars, z.union([z.number().finite(), z.boolean()])),
    clocks: readMap(doc, LabDoc.clocks, clockStateSchema),
    positions: readMap(doc, LabDoc.positions, vec3),
    spawned: readMap(doc, LabDoc.spawned, spawnedItemSchema),
    steps: readMap(doc, LabDoc.steps, stepCompletionSchema),
  }
}

/** The reading of a clock in seconds at server time `nowMs`. */
export function clockSeconds(c: ClockState | undefined, nowMs: number): number {
  if (!c) return 0
  return c.running ? c.base + Math.max(0, nowMs - c.startedAt) / 1000 : c.base
}

export type ClockOp = 'start' | 'stop' | 'reset' | 'restart' | 'toggle'

/** The state after a button's clock or timer operation at server time `nowMs`. */
export function applyClockOp(c: ClockState | undefined, op: ClockOp, nowMs: number): ClockState {
  const cur = c ?? STOPPED_CLOCK
  switch (op) {
    case 'start':
      return cur.running ? cur : { running: true, startedAt: nowMs, base: cur.base }
    case 'stop':
      return cur.running ? { running: false, startedAt: 0, base: clockSeconds(cur, nowMs) } : cur
    case 'toggle':
      return applyClockOp(cur, cur.running ? 'stop' : 'start', nowMs)
    case 'reset':
      return STOPPED_CLOCK
    case 'restart':
      return { running: true, startedAt: nowMs, base: 0 }
  }
}

/** Clears all live state in one transaction: everyone sees the package's initial state again. */
export function resetLab(doc: Y.Doc, by: string, nowMs: number): void {
  doc.transact(() => {
    for (const name of [LabDoc.vars, LabDoc.clocks, LabDoc.positions, LabDoc.spawned, LabDoc.steps]) {
      doc.getMap(name).clear()
    }
    const meta = doc.getMap(LabDoc.meta)
    meta.set('resetAt', nowMs)
    meta.set('resetBy', by)
  })
}
