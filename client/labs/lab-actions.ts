import type { LabAction } from '#common/scene/lab-actions.ts'

/**
 * What the lab view and panel may ask for. The app implements it on the lab document; the 3D
 * view and the panel never see Yjs.
 */
export interface LabActions {
  /** Sets a number or boolean variable (numbers are clamped and snapped to the variable's step). */
  setVariable(id: string, value: number | boolean, onChange?: readonly LabAction[]): void
  /** Runs a button's actions. */
  run(actions: readonly LabAction[]): void
  /** Starts, stops or resets a timer object. */
  timer(id: string, op: 'start' | 'stop' | 'reset' | 'toggle'): void
  /** Moves a free grabbable or a spawned item, metres. */
  place(id: string, position: readonly [number, number, number]): void
  /** Places a copy; without `at`, where the spawner is (plus its spawnOffset). */
  spawn(spawnerId: string, at?: readonly [number, number, number]): void
  /** Moderators: back to the package's initial state for everyone. */
  reset(): void
  /** Moderators: while locked only moderators change the lab. */
  setLocked(locked: boolean): void
}
