/**
 * The one XR store (created outside React). On a page opened with `?xr-emulator` it injects
 * @react-three/xr's emulated headset (iwer) with its developer overlay, for developing without a
 * headset; with `?xr-emulator=scripted` it installs the same runtime without the overlay, so tests
 * can drive the controllers (scripted-emulator.ts). Nothing is fetched from elsewhere for either (no
 * synthetic environment).
 */
import { createXRStore } from '@react-three/xr'
import { installScriptedEmulator } from './scripted-emulator.ts'
import { XrController, XrHand } from './InputModels.tsx'

const emulator = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('xr-emulator') : null
/** Resolves once the (test) emulator, if any, is installed as `navigator.xr`. */
export const xrReady: Promise<void> =
  emulator === 'scripted' ? installScriptedEmulator().then(() => undefined) : Promise.resolve()

export const xrStore = createXRStore({
  emulate:
    emulator !== null && emulator !== 'scripted'
      ? { type: 'metaQuest3', inject: true, syntheticEnvironment: false }
      : false,
  // Controller layouts and controller and hand models come from our origin (the server serves the
  // @webxr-input-profiles/assets package there), never the library's CDN default.
  baseAssetPath: typeof location !== 'undefined' ? new URL('/xr/profiles/', location.href).href : undefined,
  controller: XrController,
  hand: XrHand,
})
