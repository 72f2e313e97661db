/**
 * Guided steps. The current step is the first one not completed; when its condition holds on
 * this client (checked on every change and four times a second, for conditions on the clock) and
 * this participant may write, it writes the completion. Whoever writes first wins; the others
 * see it done. Every completion this participant sees happen is recorded for them through the API.
 */
import type * as Y from 'yjs'
import type { JoinResponse } from '#common/api/join.ts'
import { LabDoc, readLabSnapshot, type StepCompletion } from '#common/collab/lab-doc.ts'
import type { Lab } from '#common/scene/lab-schema.ts'
import type { LabRuntime } from '#common/scene/lab-runtime.ts'
import { recordLabStep } from '../net/api/labs-api.ts'
import { labStore, serverNow } from '../state/lab-store.ts'

const CHECK_EVERY_MS = 250

/** Listeners for step completions (issue #9's records will subscribe here too). */
type StepListener = (stepId: string, completion: StepCompletion) => void
const listeners = new Set<StepListener>()
export function onLabStepCompleted(listener: StepListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function watchSteps(
  join: JoinResponse,
  sceneId: string,
  lab: Lab,
  doc: Y.Doc,
  rt: LabRuntime,
  /** The breakout group whose lab document this is, if any. */
  group?: string,
): () => void {
  const conditions = lab.steps.map((s) => rt.compile(s.done, 'boolean'))
  const joinedAt = serverNow()
  const seen = new Set<string>()
  const posted = new Map<string, string>()
  const me = join.participant

  const check = () => {
    const snap = labStore.getState().snapshot
    for (const [id, completion] of Object.entries(snap.steps)) {
      // Completions from before this participant arrived are not theirs to claim.
      if (completion.at < joinedAt - 5000) continue
      if (!seen.has(id)) {
        seen.add(id)
        labStore.setState({ lastCompleted: { stepId: id, name: completion.name } })
        for (const l of listeners) l(id, completion)
      }
      // The classroom PC is not a learner: it shows the lab but keeps no records.
      if (me.role === 'room') continue
      // Two people may complete a step at once; the document keeps one of the two completions,
      // and that one is recorded (the server accepts only what the document holds).
      const key = `${completion.at}|${completion.by}`
      if (posted.get(id) === key) continue
      posted.set(id, key)
      void recordLabStep(join.session.id, join.token, {
        scene: sceneId,
        step: id,
        completedAt: Math.round(completion.at),
        completedBy: completion.by,
        ...(group ? { group } : {}),
      })
    }
    if (!labStore.getState().canWrite) return
    const current = lab.steps.findIndex((s) => !snap.steps[s.id])
    if (current < 0) return
    rt.update(snap, serverNow())
    if (conditions[current]!(rt.slots) === 0) return
    const steps = doc.getMap(LabDoc.steps)
    if (readLabSnapshot(doc).steps[lab.steps[current]!.id]) return
    steps.set(lab.steps[current]!.id, { at: serverNow(), by: me.identity, name: me.name.slice(0, 64) })
  }
  const unsubscribe = labStore.subscribe((s, prev) => {
    if (s.snapshot !== prev.snapshot || s.canWrite !== prev.canWrite) check()
  })
  const timer = setInterval(check, CHECK_EVERY_MS)
  check()
  return () => {
    unsubscribe()
    clearInterval(timer)
  }
}
