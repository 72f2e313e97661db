/**
 * What Atrium records about a participant: the domain events behind the report, the CSV and the
 * xAPI statements. One discriminated union; each kind has one builder in xapi/statements.ts.
 */
import type { Device, Place } from '#common/collab/presence.ts'
import type { LocalizedText } from '#common/scene/schema.ts'

export type LearningEvent =
  | { kind: 'joined'; place: Place; device: Device }
  | { kind: 'left'; place: Place; device: Device; presentMs: number; boardUpdates: number }
  | { kind: 'hand_raised' }
  | { kind: 'chat_message'; text: string }
  | {
      kind: 'poll_answer'
      pollId: string
      question: string
      interaction: 'choice' | 'fill-in'
      choices?: { id: string; label: string }[]
      /** Choice ids, or the text typed. */
      response: string[] | string
      correct?: boolean
      correctResponse?: string[]
    }
  /** `group`: the breakout group whose lab it was (absent in the main room). */
  | { kind: 'lab_step'; scene: string; stepId: string; title: LocalizedText; group?: string }
  | { kind: 'board_contribution'; updates: number }
  | { kind: 'speaking'; ms: number }
  /** Time with a live (published, unmuted) microphone, from the media server. */
  | { kind: 'microphone'; ms: number }

export type LearningEventKind = LearningEvent['kind']

/** Who did it, and in which session: everything a statement needs besides the event. */
export interface RecordContext {
  session: { id: string; title: string; scene: string }
  participant: { identity: string; name: string; role: string }
  at: number
}
