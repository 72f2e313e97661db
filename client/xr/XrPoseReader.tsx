/**
 * Copies the headset's and the controllers' (or hands') room poses into `xrPose` every frame of an
 * immersive session, for the pose sender. Poses come in the XR origin's space (it stands and turns
 * where the wearer stands, FollowingOrigin) and are carried into the room through the origin.
 */
import { useFrame } from '@react-three/fiber'
import { Euler, Matrix4, Quaternion, Vector3 } from 'three'
import { xrStore } from './xr-store.ts'
import { xrPose } from '../state/xr-pose.ts'

const IDENTITY = new Matrix4()
const _head = new Matrix4()
const _p = new Vector3()
const _q = new Quaternion()
const ONE = new Vector3(1, 1, 1)
const _s = new Vector3()
const _e = new Euler(0, 0, 0, 'YXZ')

function readHands(frame: XRFrame, space: XRReferenceSpace, toRoom: Matrix4): boolean {
  let found = 0
  for (const s of xrStore.getState().inputSourceStates) {
    if (s.type !== 'controller' && s.type !== 'hand') continue
    const side = s.inputSource.handedness
    if (side !== 'left' && side !== 'right') continue
    const pose = frame.getPose(s.inputSource.gripSpace ?? s.inputSource.targetRaySpace, space)
    if (!pose) continue
    const { x, y, z } = pose.transform.position
    _p.set(x, y, z).applyMatrix4(toRoom)
    const out = side === 'left' ? xrPose.left : xrPose.right
    out[0] = _p.x
    out[1] = _p.y
    out[2] = _p.z
    found |= side === 'left' ? 1 : 2
  }
  return found === 3
}

export function XrPoseReader() {
  useFrame((_state, _delta, frame: XRFrame | undefined) => {
    const { originReferenceSpace: space, origin } = xrStore.getState()
    const viewer = frame && space ? frame.getViewerPose(space) : undefined
    if (!frame || !space || !viewer) {
      xrPose.active = false
      xrPose.hands = false
      return
    }
    // FollowingOrigin may have moved the origin this frame, after the last render.
    origin?.updateWorldMatrix(true, false)
    const toRoom = origin ? origin.matrixWorld : IDENTITY
    const { position: vp, orientation: vo } = viewer.transform
    _p.set(vp.x, vp.y, vp.z)
    _q.set(vo.x, vo.y, vo.z, vo.w)
    // The head in the origin's space, then in the room.
    _head.compose(_p, _q, ONE).premultiply(toRoom).decompose(_p, _q, _s)
    _e.setFromQuaternion(_q, 'YXZ')
    xrPose.active = true
    xrPose.x = _p.x
    xrPose.z = _p.z
    xrPose.yaw = _e.y
    xrPose.pitch = _e.x
    xrPose.hands = readHands(frame, space, toRoom)
  })
  return null
}
