/**
 * A headset emulator that scripts drive: iwer's XRDevice (the runtime @react-three/xr's own
 * emulator uses) installed without iwer's developer overlay, because that overlay copies its
 * on-screen gizmos into the controller and headset poses on every frame, so nothing else can
 * move them. Loaded only on a page opened with `?xr-emulator=scripted` (tests); the code is
 * fetched lazily, never in a normal session.
 */
import type { XRDevice } from 'iwer'

let device: XRDevice | undefined

/** Installs the emulated Quest 3 as `navigator.xr` (the browser's own WebXR must be off). */
export async function installScriptedEmulator(): Promise<XRDevice> {
  const { XRDevice, metaQuest3 } = await import('iwer')
  // One picture instead of two: SwiftShader draws every eye on the CPU.
  device = new XRDevice(metaQuest3, { stereoEnabled: false })
  device.installRuntime()
  return device
}

/** The emulated device, once installed (tests move its controllers and press their triggers). */
export const scriptedXRDevice = (): XRDevice | undefined => device
