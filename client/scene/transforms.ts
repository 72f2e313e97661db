import type { Vec3 } from '#common/scene/schema.ts'

const DEG = Math.PI / 180

/** Scene rotations are degrees; three.js wants radians. */
export function toRadians(r: Vec3): [number, number, number] {
  return [r[0] * DEG, r[1] * DEG, r[2] * DEG]
}
