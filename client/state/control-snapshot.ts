/**
 * Reads the control and responses documents into ControlState. Every value is validated: a
 * moderator's client can write the control document, so nothing in it is trusted blindly.
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import { ControlDoc, ResponsesDoc } from '#common/collab/doc-layout.ts'
import { chatMessageSchema } from '#common/api/chat.ts'
import { pollViewSchema } from '#common/api/polls.ts'
import { focusSchema, PresentingKeys, projectorViewSchema, spotlightSchema } from '#common/collab/presenting.ts'
import type { ControlState, LivePoll, LobbyEntry } from './control-store.ts'
import {
  broadcastSchema,
  LessonSettings,
  lessonTimerSchema,
  readGroups,
  readSeatMoves,
} from '#common/collab/lesson-control.ts'

const lobbyEntrySchema = z.object({ name: z.string(), role: z.string(), since: z.number() })

function validList<T>(schema: z.ZodType<T>, values: unknown[]): T[] {
  const out: T[] = []
  for (const v of values) {
    const r = schema.safeParse(v)
    if (r.success) out.push(r.data)
  }
  return out
}

export function readControl(doc: Y.Doc): Omit<ControlState, 'livePolls'> {
  const settings = doc.getMap(ControlDoc.settings)
  const locks = doc.getMap(ControlDoc.locks)
  const lobby: LobbyEntry[] = []
  for (const [identity, v] of doc.getMap(ControlDoc.lobby)) {
    const r = lobbyEntrySchema.safeParse(v)
    if (r.success) lobby.push({ identity, ...r.data })
  }
  const handsLowered: Record<string, number> = {}
  for (const [identity, v] of doc.getMap(ControlDoc.handsLowered)) if (typeof v === 'number') handsLowered[identity] = v
  const str = (k: string) => (typeof settings.get(k) === 'string' ? (settings.get(k) as string) : undefined)
  return {
    settings: {
      locked: settings.get('locked') === true,
      waitingRoom: settings.get('waitingRoom') === true,
      scene: str('scene'),
      title: str('title'),
      endedAt: typeof settings.get('endedAt') === 'number' ? (settings.get('endedAt') as number) : undefined,
      timer: lessonTimerSchema.safeParse(settings.get(LessonSettings.timer)).data,
      breakoutsOpen: settings.get(LessonSettings.breakoutsOpen) === true,
      broadcast: parsed(broadcastSchema, settings.get(LessonSettings.broadcast)),
      seatMoves: readSeatMoves(doc),
      maySpeak: parsed(z.record(z.string(), z.boolean()), settings.get(LessonSettings.maySpeak)) ?? {},
    },
    groups: readGroups(doc),
    locks: { boards: locks.get('boards') === true, lab: locks.get('lab') === true },
    polls: validList(pollViewSchema, [...doc.getMap(ControlDoc.polls).values()]).sort(
      (a, b) => a.createdAt - b.createdAt,
    ),
    chat: validList(chatMessageSchema, doc.getArray(ControlDoc.chat).toArray()),
    lobby: lobby.sort((a, b) => a.since - b.since),
    handsLowered,
    presenting: {
      focus: parsed(focusSchema, settings.get(PresentingKeys.focus)),
      spotlight: parsed(spotlightSchema, settings.get(PresentingKeys.spotlight)),
      projectorView: parsed(projectorViewSchema, settings.get(PresentingKeys.projectorView)),
    },
  }
}

/** A valid value, or nothing (an unknown shape from a newer client is ignored, not trusted). */
function parsed<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const r = schema.safeParse(value)
  return r.success ? r.data : undefined
}

export function readLivePolls(doc: Y.Doc): Record<string, LivePoll> {
  const out: Record<string, LivePoll> = {}
  const json = doc.getMap(ResponsesDoc.polls).toJSON() as Record<
    string,
    { answers?: unknown; counts?: unknown; texts?: unknown }
  >
  for (const [id, v] of Object.entries(json)) {
    out[id] = {
      answers: typeof v.answers === 'number' ? v.answers : 0,
      counts: z.record(z.string(), z.number()).catch({}).parse(v.counts),
      texts: z.array(z.string()).catch([]).parse(v.texts),
    }
  }
  return out
}
