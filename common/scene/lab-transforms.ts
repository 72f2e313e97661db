/**
 * Compiled transforms of lab objects and their parts: position (m), rotation (degrees), scale,
 * visibility, opacity and glow as functions of the runtime's slots. Renderers evaluate them every
 * frame into preallocated arrays; tests evaluate them to prove two clients agree.
 */
import type { CompiledExpression } from './expr/expression.ts'
import type { LabObject } from './lab-objects.ts'
import type { Part } from './lab-parts.ts'
import type { LabRuntime } from './lab-runtime.ts'

export type Vec3Fn = readonly [CompiledExpression, CompiledExpression, CompiledExpression]

export interface CompiledTransform {
  position: Vec3Fn
  rotation: Vec3Fn
  scale: Vec3Fn
  visible: CompiledExpression
}

export interface CompiledPart extends CompiledTransform {
  part: Part
  opacity: CompiledExpression
  glow: CompiledExpression
}

type Placed = Pick<LabObject, 'position' | 'rotation' | 'scale' | 'visible'>

function vec3(rt: LabRuntime, v: Placed['position']): Vec3Fn {
  return [rt.compile(v[0], 'number'), rt.compile(v[1], 'number'), rt.compile(v[2], 'number')]
}

export function compileTransform(rt: LabRuntime, o: Placed): CompiledTransform {
  return {
    position: vec3(rt, o.position),
    rotation: vec3(rt, o.rotation),
    scale: vec3(rt, o.scale),
    visible: rt.compile(o.visible, 'boolean'),
  }
}

export function compilePart(rt: LabRuntime, part: Part): CompiledPart {
  const isShape = part.shape !== 'model'
  return {
    ...compileTransform(rt, part),
    part,
    opacity: isShape ? rt.compile(part.opacity, 'number') : () => 1,
    glow: isShape ? rt.compile(part.glow, 'number') : () => 0,
  }
}

/** Evaluates a vector into `out` (no allocation); non-finite results become `fallback`. */
export function evalVec3(fn: Vec3Fn, slots: Float64Array, out: number[] | Float64Array, fallback = 0): void {
  for (let i = 0; i < 3; i++) {
    const v = fn[i]!(slots)
    out[i] = Number.isFinite(v) ? v : fallback
  }
}

/** A plain evaluated transform (tests and the debug hook). */
export interface EvaluatedTransform {
  position: number[]
  rotation: number[]
  scale: number[]
  visible: boolean
}

export function evaluateTransform(t: CompiledTransform, slots: Float64Array): EvaluatedTransform {
  const position = [0, 0, 0]
  const rotation = [0, 0, 0]
  const scale = [1, 1, 1]
  evalVec3(t.position, slots, position)
  evalVec3(t.rotation, slots, rotation)
  evalVec3(t.scale, slots, scale, 1)
  return { position, rotation, scale, visible: t.visible(slots) !== 0 }
}
