import type { Camera } from 'three'

/**
 * What the lab view drew in the last frame, kept in preallocated arrays: the debug hook
 * (window.atrium.lab()) reads it so browser tests check what people actually see.
 */
export interface RenderedObject {
  position: Float64Array
  /** Degrees. */
  rotation: Float64Array
  scale: Float64Array
  visible: boolean
}

export const labFrame = {
  /** The shared clock `t` at the last rendered frame, seconds. */
  t: 0,
  frames: 0,
  objects: new Map<string, RenderedObject>(),
  /** The camera of the last frame, so tests can find an object on screen. */
  camera: undefined as Camera | undefined,
}

/** The record an object renderer writes into every frame (created once per object). */
export function renderedSlot(id: string): RenderedObject {
  let r = labFrame.objects.get(id)
  if (!r) {
    r = { position: new Float64Array(3), rotation: new Float64Array(3), scale: new Float64Array(3), visible: true }
    labFrame.objects.set(id, r)
  }
  return r
}
