/**
 * Look around by turning the phone: the device's orientation (compass heading alpha, front-back
 * tilt beta, left-right tilt gamma, in degrees) and the screen's rotation become the camera's yaw
 * and pitch, in the same 'YXZ' convention the camera uses. The yaw is kept relative to where the
 * person was looking when they switched it on, so the view does not jump to north.
 */
import { Euler, MathUtils, Quaternion, Vector3 } from 'three'
import { playerStore } from '../../state/player-store.ts'

const euler = new Euler()
const q = new Quaternion()
const screenTurn = new Quaternion()
const z = new Vector3(0, 0, 1)
// The camera looks out of the back of the screen, not out of its top.
const backOfScreen = new Quaternion(-Math.sqrt(0.5), 0, 0, Math.sqrt(0.5))

/** Yaw and pitch (radians) of a camera looking out of the back of a phone held this way. */
export function deviceLook(
  alpha: number,
  beta: number,
  gamma: number,
  screenAngle: number,
): { yaw: number; pitch: number } {
  euler.set(MathUtils.degToRad(beta), MathUtils.degToRad(alpha), MathUtils.degToRad(-gamma), 'YXZ')
  q.setFromEuler(euler).multiply(backOfScreen)
  q.multiply(screenTurn.setFromAxisAngle(z, -MathUtils.degToRad(screenAngle)))
  euler.setFromQuaternion(q, 'YXZ')
  return { yaw: euler.y, pitch: euler.x }
}

/** Starts steering the view with the phone's orientation; returns the stop function. */
export function attachDeviceLook(): () => void {
  let offset: number | undefined
  const onOrientation = (e: DeviceOrientationEvent) => {
    if (e.alpha === null || e.beta === null || e.gamma === null) return
    const { yaw, pitch } = deviceLook(e.alpha, e.beta, e.gamma, screen.orientation?.angle ?? 0)
    offset ??= playerStore.getState().yaw - yaw
    playerStore.setState({ yaw: yaw + offset, pitch: Math.max(-1.2, Math.min(1.2, pitch)) })
  }
  window.addEventListener('deviceorientation', onOrientation)
  return () => window.removeEventListener('deviceorientation', onOrientation)
}

/** iOS asks before a page may read the orientation; elsewhere it is simply there (or absent). */
export async function mayUseDeviceLook(): Promise<boolean> {
  if (typeof DeviceOrientationEvent === 'undefined') return false
  const ask = (DeviceOrientationEvent as unknown as { requestPermission?: () => Promise<string> }).requestPermission
  if (!ask) return true
  return (await ask().catch(() => 'denied')) === 'granted'
}
