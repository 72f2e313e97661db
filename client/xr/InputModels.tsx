/**
 * Controllers and tracked hands as @react-three/xr draws them (ray, grab and touch pointers) plus
 * their models from /xr/profiles/ (xr-store's baseAssetPath). A controller the profile list does
 * not know gets the generic profile's layout and model from the library's loader. A model that
 * still fails to load (network, broken file) is left out and the pointer stays: without this
 * boundary the error would unmount the whole canvas in the middle of a lesson.
 */
import { Component, Suspense, useEffect, type ReactNode } from 'react'
import {
  DefaultXRController,
  DefaultXRHand,
  XRControllerModel,
  XRHandModel,
  useXRInputSourceStateContext,
} from '@react-three/xr'
import type { Object3D } from 'three'
import { inputModelKey, inputModels, type InputModelKind } from './input-models.ts'

class ModelBoundary extends Component<{ onError(): void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override componentDidCatch() {
    this.props.onError()
  }
  override render() {
    return this.state.failed ? null : this.props.children
  }
}

/** Keeps `inputModels` in step with what is drawn for this input source. */
function useModelRegistration(kind: InputModelKind, handedness: XRHandedness) {
  const key = inputModelKey(kind, handedness)
  useEffect(() => () => void inputModels.delete(key), [key])
  return {
    onModel: (model: Object3D | null) => {
      if (model) inputModels.set(key, { kind, handedness, model })
    },
    onError: () => inputModels.set(key, { kind, handedness, model: undefined }),
  }
}

function ControllerModel() {
  const { inputSource } = useXRInputSourceStateContext('controller')
  const { onModel, onError } = useModelRegistration('controller', inputSource.handedness)
  return (
    <ModelBoundary onError={onError}>
      <Suspense fallback={null}>
        <XRControllerModel ref={onModel} />
      </Suspense>
    </ModelBoundary>
  )
}

function HandModel() {
  const { inputSource } = useXRInputSourceStateContext('hand')
  const { onModel, onError } = useModelRegistration('hand', inputSource.handedness)
  return (
    <ModelBoundary onError={onError}>
      <Suspense fallback={null}>
        <XRHandModel ref={onModel} />
      </Suspense>
    </ModelBoundary>
  )
}

export function XrController() {
  return (
    <>
      <ControllerModel />
      <DefaultXRController model={false} />
    </>
  )
}

export function XrHand() {
  return (
    <>
      <HandModel />
      <DefaultXRHand model={false} />
    </>
  )
}
