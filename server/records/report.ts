/**
 * The teacher's session report: one row per participant (attendance and participation) and the
 * results of every poll, computed from the stored records.
 */
import type { AttendanceRow, EventRow } from './records-store.ts'
import type { ParticipantRecord } from '../store/session-store.ts'
import type { SessionReport, ReportRow, PollSummary } from '#common/api/report.ts'

export function buildReport(
  session: { id: string; title: string },
  participants: ParticipantRecord[],
  attendance: AttendanceRow[],
  events: EventRow[],
  now: number,
): SessionReport {
  const rows = new Map<string, ReportRow>()
  for (const p of participants) {
    rows.set(p.identity, {
      identity: p.identity,
      name: p.name,
      role: p.role,
      places: [],
      devices: [],
      firstJoinedAt: null,
      lastLeftAt: null,
      presentSeconds: 0,
      present: false,
      handsRaised: 0,
      speakingSeconds: 0,
      microphoneSeconds: 0,
      chatMessages: 0,
      pollAnswers: 0,
      pollAnswersCorrect: 0,
      labSteps: 0,
      boardUpdates: 0,
    })
  }
  for (const a of attendance) {
    const r = rows.get(a.identity)
    if (!r) continue
    if (!r.places.includes(a.place)) r.places.push(a.place)
    if (!r.devices.includes(a.device)) r.devices.push(a.device)
    const joined = new Date(a.joinedAt).toISOString()
    if (r.firstJoinedAt === null || joined < r.firstJoinedAt) r.firstJoinedAt = joined
    if (a.leftAt === null) r.present = true
    else if (r.lastLeftAt === null || new Date(a.leftAt).toISOString() > r.lastLeftAt) {
      r.lastLeftAt = new Date(a.leftAt).toISOString()
    }
    r.presentSeconds += Math.round(((a.leftAt ?? now) - a.joinedAt) / 1000)
  }
  const polls = new Map<string, PollSummary>()
  // Summed in milliseconds and rounded once, so many short turns are not each rounded away.
  const speakingMs = new Map<ReportRow, number>()
  const microphoneMs = new Map<ReportRow, number>()
  for (const e of events) {
    const r = rows.get(e.identity)
    if (!r) continue
    const d = e.data
    switch (d.kind) {
      case 'hand_raised':
        r.handsRaised++
        break
      case 'speaking':
        speakingMs.set(r, (speakingMs.get(r) ?? 0) + d.ms)
        break
      case 'microphone':
        microphoneMs.set(r, (microphoneMs.get(r) ?? 0) + d.ms)
        break
      case 'chat_message':
        r.chatMessages++
        break
      case 'lab_step':
        r.labSteps++
        break
      case 'board_contribution':
        r.boardUpdates += d.updates
        break
      case 'poll_answer': {
        r.pollAnswers++
        if (d.correct) r.pollAnswersCorrect++
        const p = polls.get(d.pollId) ?? {
          pollId: d.pollId,
          question: d.question,
          answers: 0,
          correct: 0,
          choices: (d.choices ?? []).map((c) => ({ id: c.id, label: c.label, count: 0 })),
          texts: [],
        }
        p.answers++
        if (d.correct) p.correct++
        if (Array.isArray(d.response)) {
          for (const id of d.response) {
            const c = p.choices.find((x) => x.id === id)
            if (c) c.count++
          }
        } else p.texts.push(d.response)
        polls.set(d.pollId, p)
        break
      }
      case 'joined':
      case 'left':
        break
    }
  }
  for (const [r, ms] of speakingMs) r.speakingSeconds = Math.round(ms / 1000)
  for (const [r, ms] of microphoneMs) r.microphoneSeconds = Math.round(ms / 1000)
  return {
    session,
    generatedAt: new Date(now).toISOString(),
    participants: [...rows.values()],
    polls: [...polls.values()],
  }
}
