/**
 * Wires the session's lab document to the lab store and implements LabActions on it: the only
 * place in the client that reads or writes the lab document. Also completes guided steps (the
 * first client to see a step's condition hold writes it) and records each completion seen for
 * this participant through the API, which is what later becomes a learning record.
 */
import type * as Y from 'yjs'
import type { JoinResponse } from '#common/api/join.ts'
import { ControlDoc, parseDocName } from '#common/collab/doc-layout.ts'
import { applyClockOp, LabDoc, readLabSnapshot, resetLab, type LabSnapshot } from '#common/collab/lab-doc.ts'
import { isModerator } from '#common/roles.ts'
import type { Scene } from '#common/scene/schema.ts'
import type { Lab } from '#common/scene/lab-schema.ts'
import { createLabRuntime, type LabRuntime } from '#common/scene/lab-runtime.ts'
import { compileTransform, evaluateTransform } from '#common/scene/lab-transforms.ts'
import type { CollabManager } from '../net/collab/collab-manager.ts'
import { measureServerOffset } from '../net/api/labs-api.ts'
import { labStore, serverNow, setServerOffset } from '../state/lab-store.ts'
import type { LabActions } from '../labs/lab-actions.ts'
import { runLabActions, snapValue } from '#common/collab/lab-writes.ts'
import { watchSteps } from './lab-steps.ts'

const NOOP: LabActions = {
  setVariable: () => {},
  run: () => {},
  timer: () => {},
  place: () => {},
  spawn: () => {},
  reset: () => {},
  setLocked: () => {},
}

let actions: LabActions = NOOP
/** The actions of the open lab (no-ops when there is none or it is read-only). */
export function labActions(): LabActions {
  return actions
}

/** Opens the lab document of the session's scene; returns a function that stops everything. */
export function startLab(join: JoinResponse, scene: Scene, collab: CollabManager): () => void {
  const lab = scene.lab
  if (!lab || !join.collab.docs['lab']) {
    labStore.setState({ active: false })
    actions = NOOP
    return () => {}
  }
  // The document is replaced after a refused write; bind each replacement afresh.
  let unbind = (): void => {}
  const unwatch = collab.watch('lab', (doc) => {
    unbind()
    unbind = bindLab(join, scene.id, lab, doc, collab)
  })
  return () => {
    unwatch()
    unbind()
  }
}

function bindLab(join: JoinResponse, sceneId: string, lab: Lab, doc: Y.Doc, collab: CollabManager): () => void {
  const role = join.participant.role
  const participates = role !== 'room' && role !== 'observer'
  const locks = collab.control.getMap(ControlDoc.locks)
  const runtime = createLabRuntime(lab)
  const refresh = () => {
    const locked = locks.get('lab') === true
    labStore.setState({
      active: true,
      snapshot: readLabSnapshot(doc),
      locked,
      canWrite: isModerator(role) || (participates && !locked),
      canModerate: isModerator(role),
    })
  }
  refresh()
  doc.on('update', refresh)
  locks.observe(refresh)
  void measureServerOffset().then(setServerOffset)
  // In a breakout the lab document is the group's: its steps are recorded with the group.
  const ref = parseDocName(collab.currentName('lab') ?? '')
  const group = ref && ref.kind === 'lab' ? ref.group : undefined
  const stopSteps = watchSteps(join, sceneId, lab, doc, runtime, group)
  actions = makeActions(lab, doc, collab, runtime, join.participant.identity)
  return () => {
    stopSteps()
    doc.off('update', refresh)
    locks.unobserve(refresh)
    actions = NOOP
    labStore.setState({ active: false })
  }
}

function makeActions(lab: Lab, doc: Y.Doc, collab: CollabManager, rt: LabRuntime, me: string): LabActions {
  // Writes the server would refuse (locked, read-only role) are not attempted: the server closes
  // a socket that tries, and the UI already shows the controls as disabled.
  const writable = () => labStore.getState().canWrite
  const snapshot = (): LabSnapshot => labStore.getState().snapshot
  return {
    setVariable(id, value, onChange) {
      const v = lab.variables.find((x) => x.id === id)
      if (!v || !writable()) return
      const next = snapValue(v, value)
      if (snapshot().vars[id] === next) return
      doc.transact(() => {
        doc.getMap(LabDoc.vars).set(id, next)
        if (onChange) runLabActions(lab, doc, rt, onChange, serverNow())
      })
    },
    run(list) {
      if (writable()) doc.transact(() => runLabActions(lab, doc, rt, list, serverNow()))
    },
    timer(id, op) {
      if (!writable()) return
      const clocks = doc.getMap(LabDoc.clocks)
      clocks.set(id, applyClockOp(snapshot().clocks[id], op, serverNow()))
    },
    place(id, position) {
      if (!writable()) return
      const spawned = snapshot().spawned[id]
      if (spawned) doc.getMap(LabDoc.spawned).set(id, { ...spawned, position: [...position] })
      else doc.getMap(LabDoc.positions).set(id, [...position])
    },
    spawn(spawnerId, at) {
      const spawner = lab.objects.find((o) => o.id === spawnerId)
      if (!writable() || spawner?.kind !== 'spawner') return
      const count = Object.values(snapshot().spawned).filter((s) => s.spawner === spawnerId).length
      if (count >= spawner.max) return
      const id = `${spawnerId}-${me.slice(2, 8)}-${Math.floor(serverNow()).toString(36)}`
      let position: [number, number, number]
      if (at) position = [...at]
      else {
        rt.update(snapshot(), serverNow())
        const p = evaluateTransform(compileTransform(rt, spawner), rt.slots).position
        position = [p[0]! + spawner.spawnOffset[0], p[1]! + spawner.spawnOffset[1], p[2]! + spawner.spawnOffset[2]]
      }
      doc.getMap(LabDoc.spawned).set(id, { spawner: spawnerId, position, by: me })
    },
    reset() {
      if (labStore.getState().canModerate) resetLab(doc, me, serverNow())
    },
    setLocked(locked) {
      if (labStore.getState().canModerate) collab.control.getMap(ControlDoc.locks).set('lab', locked)
    },
  }
}
