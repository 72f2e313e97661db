/**
 * The controller and hand models drawn now, by `controller-left`, `hand-right`, …: written when a
 * model mounts (or fails to load), read by the debug hook. Plain data, no React.
 */
import type { Object3D } from 'three'

export type InputModelKind = 'controller' | 'hand'

export interface InputModelEntry {
  kind: InputModelKind
  handedness: XRHandedness
  /** The loaded model, or undefined when it failed to load and only the pointer is drawn. */
  model: Object3D | undefined
}

export const inputModels = new Map<string, InputModelEntry>()

export const inputModelKey = (kind: InputModelKind, handedness: XRHandedness) => `${kind}-${handedness}`
