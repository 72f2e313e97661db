/**
 * While an author runs `npm run scene -- dev`, the server marks the scene as watched; the app
 * then follows its change stream and swaps in each saved version without leaving the session.
 * In a normal session this costs one HEAD request.
 */
import type { Scene } from '#common/scene/schema.ts'
import { getScene } from '../net/api/api-client.ts'

const WATCH_HEADER = 'x-atrium-scene-watch'

export function watchSceneChanges(id: string, onScene: (scene: Scene) => void): () => void {
  let source: EventSource | undefined
  let stopped = false
  const path = `/api/scenes/${encodeURIComponent(id)}`
  void fetch(path, { method: 'HEAD' })
    .then((res) => {
      if (stopped || res.headers.get(WATCH_HEADER) !== '1') return
      source = new EventSource(`${path}/changes`)
      source.addEventListener('change', () => {
        getScene(id).then(onScene, () => {
          // A version that fails to load here keeps the current one on screen; the CLI says why.
        })
      })
    })
    .catch(() => {})
  return () => {
    stopped = true
    source?.close()
  }
}
