/**
 * Keeps the control store in step with the control document (and, for moderators, the responses
 * document): one store update per animation frame at most, however many changes arrive. Also
 * clears this participant's raised hand when a moderator lowers it.
 */
import type * as Y from 'yjs'
import { controlStore, emptyControl } from '../state/control-store.ts'
import { readControl, readLivePolls } from '../state/control-snapshot.ts'
import type { CollabManager } from '../net/collab/collab-manager.ts'

export function bindControl(collab: CollabManager, me: string, onHandLowered: (at: number) => void): () => void {
  let control: Y.Doc | undefined
  let responses: Y.Doc | undefined
  let scheduled = false
  let lastLowered = 0
  const refresh = () => {
    scheduled = false
    const next = control ? readControl(control) : emptyControl()
    controlStore.setState({ ...next, livePolls: responses ? readLivePolls(responses) : {} })
    const lowered = next.handsLowered[me]
    if (lowered !== undefined && lowered > lastLowered) {
      lastLowered = lowered
      onHandLowered(lowered)
    }
  }
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    requestAnimationFrame(refresh)
  }
  const offControl = collab.watch('control', (doc) => {
    control?.off('update', schedule)
    control = doc
    doc.on('update', schedule)
    schedule()
  })
  const offResponses = collab.watch('responses', (doc) => {
    responses?.off('update', schedule)
    responses = doc
    doc.on('update', schedule)
    schedule()
  })
  return () => {
    offControl()
    offResponses()
    control?.off('update', schedule)
    responses?.off('update', schedule)
    controlStore.setState(emptyControl())
  }
}
