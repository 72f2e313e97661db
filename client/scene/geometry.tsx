import type { JSX } from 'react'
import type { Primitive } from '#common/scene/schema.ts'

type ShapeOf<S extends Primitive['shape']> = Extract<Primitive, { shape: S }>

/** One geometry per primitive shape; a new shape without one fails to compile. */
const geometries: { [S in Primitive['shape']]: (p: ShapeOf<S>) => JSX.Element } = {
  box: (p) => <boxGeometry args={p.size} />,
  cylinder: (p) => <cylinderGeometry args={[p.radiusTop ?? p.radius, p.radius, p.height, 32]} />,
  sphere: (p) => <sphereGeometry args={[p.radius, 32, 16]} />,
  plane: (p) => <planeGeometry args={p.size} />,
}

type Dimensions = { [S in Primitive['shape']]: Omit<ShapeOf<S>, 'position' | 'rotation' | 'color'> }[Primitive['shape']]

/** The three.js geometry of a shape with its dimensions (room decor and lab parts). */
export function ShapeGeometry({ shape }: { shape: Dimensions }) {
  return (geometries[shape.shape] as (p: Dimensions) => JSX.Element)(shape)
}
