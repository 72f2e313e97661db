/**
 * The one XR store (created outside React). On a page opened with `?xr-emulator` it injects
 * @react-three/xr's emulated headset (iwer), for tests and for developing without a headset;
 * nothing is fetched for it (no synthetic environment).
 */
import { createXRStore } from '@react-three/xr'

const emulate = typeof location !== 'undefined' && new URLSearchParams(location.search).has('xr-emulator')

export const xrStore = createXRStore({
  emulate: emulate ? { type: 'metaQuest3', inject: true, syntheticEnvironment: false } : false,
  // Controller models would load from a CDN: draw the default ray pointer only.
  controller: { model: false },
  hand: { model: false },
})
