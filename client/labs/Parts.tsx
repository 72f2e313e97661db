import { Suspense, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { useGLTF } from '@react-three/drei'
import type { Group, Mesh, MeshStandardMaterial } from 'three'
import type { Part } from '#common/scene/lab-parts.ts'
import { compilePart, type CompiledPart } from '#common/scene/lab-transforms.ts'
import { ShapeGeometry } from '../scene/geometry.tsx'
import { useLabContext } from './lab-context.ts'

const DEG = Math.PI / 180
const scratch = new Float64Array(3)

function place(obj: Group | Mesh, c: CompiledPart, slots: Float64Array): void {
  scratch[0] = c.position[0](slots)
  scratch[1] = c.position[1](slots)
  scratch[2] = c.position[2](slots)
  obj.position.set(fin(scratch[0]), fin(scratch[1]), fin(scratch[2]))
  obj.rotation.set(fin(c.rotation[0](slots)) * DEG, fin(c.rotation[1](slots)) * DEG, fin(c.rotation[2](slots)) * DEG)
  obj.scale.set(fin(c.scale[0](slots), 1), fin(c.scale[1](slots), 1), fin(c.scale[2](slots), 1))
  obj.visible = c.visible(slots) !== 0
}
const fin = (v: number, fallback = 0) => (Number.isFinite(v) ? v : fallback)
const unit = (v: number) => Math.min(1, Math.max(0, fin(v)))

function ShapePart({ c, onClick }: { c: CompiledPart; onClick?: () => void }) {
  const { runtime } = useLabContext()
  const mesh = useRef<Mesh>(null)
  const material = useRef<MeshStandardMaterial>(null)
  useFrame(() => {
    if (!mesh.current || !material.current) return
    place(mesh.current, c, runtime.slots)
    const opacity = unit(c.opacity(runtime.slots))
    material.current.opacity = opacity
    material.current.transparent = opacity < 1
    material.current.emissiveIntensity = unit(c.glow(runtime.slots)) * 2
  })
  if (c.part.shape === 'model') return null
  return (
    <mesh ref={mesh} onClick={onClick}>
      <ShapeGeometry shape={c.part} />
      <meshStandardMaterial ref={material} color={c.part.color} emissive={c.part.color} emissiveIntensity={0} />
    </mesh>
  )
}

function ModelPart({ c, url }: { c: CompiledPart; url: string }) {
  const { runtime } = useLabContext()
  // Never the Draco decoder from a CDN: package models are validated plain glTF.
  const gltf = useGLTF(url, false)
  const copy = useMemo(() => gltf.scene.clone(true), [gltf.scene])
  const group = useRef<Group>(null)
  useFrame(() => {
    if (group.current) place(group.current, c, runtime.slots)
  })
  return (
    <group ref={group}>
      <primitive object={copy} />
    </group>
  )
}

/** An object's parts, each following its own expressions every frame. */
export function Parts({ parts, onClick }: { parts: readonly Part[]; onClick?: () => void }) {
  const { runtime, assetBase } = useLabContext()
  const compiled = useMemo(() => parts.map((p) => compilePart(runtime, p)), [runtime, parts])
  return (
    <>
      {compiled.map((c, i) =>
        c.part.shape === 'model' ? (
          <Suspense key={i} fallback={null}>
            <ModelPart c={c} url={assetBase + c.part.model} />
          </Suspense>
        ) : (
          <ShapePart key={i} c={c} onClick={onClick} />
        ),
      )}
    </>
  )
}
