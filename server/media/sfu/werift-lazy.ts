/**
 * werift (about 30 MiB of a server's memory once loaded) loads when the first participant joins
 * the embedded SFU, not at start: a server used only for boards, or one that talks to a real
 * LiveKit, never holds it.
 */
import type * as Werift from 'werift'
import { fixWerift } from './werift-defaults.ts'

let loaded: typeof Werift | undefined
let loading: Promise<typeof Werift> | undefined

/** Loads werift once; the SFU awaits this before it creates its first peer connection. */
export async function loadWerift(): Promise<typeof Werift> {
  loading ??= import('werift').then((m) => {
    fixWerift(m)
    return (loaded = m)
  })
  return loading
}

/** werift, after loadWerift() has resolved. */
export function werift(): typeof Werift {
  if (!loaded) throw new Error('werift is used before loadWerift() resolved')
  return loaded
}
