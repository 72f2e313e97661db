/**
 * y-websocket 3's provider sends every awareness change it sees to the server, including the ones
 * it just received from the server: in a class of N, each cursor move or presence renewal comes
 * back to the server N − 1 times. Only changes made here (the local state, or a state that timed
 * out here) need sending; the server relays the rest itself.
 */
import type { WebsocketProvider } from 'y-websocket'

export function withoutAwarenessEcho(provider: WebsocketProvider): WebsocketProvider {
  const sendAll = provider._awarenessUpdateHandler
  const sendOwn: typeof sendAll = (changes, origin) => {
    if (origin !== provider) sendAll(changes, origin)
  }
  provider.awareness.off('update', sendAll)
  provider.awareness.on('update', sendOwn)
  // destroy() unsubscribes whatever this field holds.
  provider._awarenessUpdateHandler = sendOwn
  return provider
}
