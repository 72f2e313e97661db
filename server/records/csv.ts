/**
 * RFC 4180 CSV with a UTF-8 byte order mark (so spreadsheet programs read Chinese names right).
 * Cells that a spreadsheet would run as a formula (= + - @ and tab/CR at the start) get a leading
 * apostrophe: names are typed by participants.
 */
import type { SessionReport } from '#common/api/report.ts'

function cell(value: string | number | boolean | null): string {
  let s = value === null ? '' : String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function reportCsv(report: SessionReport): string {
  const header = [
    'name',
    'role',
    'places',
    'devices',
    'first joined',
    'last left',
    'present now',
    'minutes present',
    'hands raised',
    'minutes speaking',
    'minutes microphone on',
    'chat messages',
    'poll answers',
    'poll answers correct',
    'lab steps completed',
    'board edits',
  ]
  const lines = [header.map(cell).join(',')]
  for (const r of report.participants) {
    lines.push(
      [
        r.name,
        r.role,
        r.places.join(' '),
        r.devices.join(' '),
        r.firstJoinedAt,
        r.lastLeftAt,
        r.present ? 'yes' : 'no',
        (r.presentSeconds / 60).toFixed(1),
        r.handsRaised,
        (r.speakingSeconds / 60).toFixed(1),
        (r.microphoneSeconds / 60).toFixed(1),
        r.chatMessages,
        r.pollAnswers,
        r.pollAnswersCorrect,
        r.labSteps,
        r.boardUpdates,
      ]
        .map(cell)
        .join(','),
    )
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}
