/**
 * werift (about 30 MiB of a server's memory once loaded) loads when the first participant is given
 * a media token (see SfuHost.expectJoin) or joins the embedded SFU, not at start: a server nobody
 * joins, or one that talks to a real LiveKit, never holds it.
 */
import type * as Werift from 'werift'
import { fixWerift } from './werift-defaults.ts'

let loaded: typeof Werift | undefined
let loading: Promise<typeof Werift> | undefined
let certificate: Promise<unknown> | undefined
let ready = false

/**
 * Loads werift once; the SFU awaits this before it creates its first peer connection. The DTLS
 * certificate every connection shares is made now as well (werift would make it at the first
 * offer or answer), so that `weriftSettled` can wait for it.
 */
export async function loadWerift(): Promise<typeof Werift> {
  loading ??= import('werift').then((m) => {
    fixWerift(m)
    certificate = m.RTCDtlsTransport.SetupCertificate()
      .catch(() => undefined)
      .then(() => (ready = true))
    return (loaded = m)
  })
  return loading
}

/**
 * Resolves once werift's loading and its certificate are done. A media thread ended while
 * WebCrypto makes the certificate kills the whole process in Node 20 (the key job completes into
 * a stopping thread: "FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal"), so the SFU waits for
 * this before it says it has closed.
 */
export async function weriftSettled(): Promise<void> {
  await loading?.catch(() => undefined)
  await certificate
}

/** Whether werift and its certificate are there: a join waits for neither. */
export function weriftReady(): boolean {
  return ready
}

/** werift, after loadWerift() has resolved. */
export function werift(): typeof Werift {
  if (!loaded) throw new Error('werift is used before loadWerift() resolved')
  return loaded
}
