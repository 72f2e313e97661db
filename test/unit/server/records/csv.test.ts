import { describe, expect, it } from 'vitest'
import { reportCsv } from '../../../../server/records/csv.ts'
import type { SessionReport } from '#common/api/report.ts'

const row = (name: string) => ({
  identity: 'p_x',
  name,
  role: 'learner',
  places: ['remote'],
  devices: ['browser'],
  firstJoinedAt: '2026-11-22T09:00:00.000Z',
  lastLeftAt: null,
  presentSeconds: 90,
  present: true,
  handsRaised: 1,
  speakingSeconds: 30,
  microphoneSeconds: 90,
  chatMessages: 0,
  pollAnswers: 0,
  pollAnswersCorrect: 0,
  labSteps: 2,
  boardUpdates: 7,
})

describe('report CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    const report: SessionReport = {
      session: { id: 's', title: 't' },
      generatedAt: '',
      participants: [row('Li, "Lily"'), row('=HYPERLINK("x")'), row('多行\n名字')],
      polls: [],
    }
    const lines = reportCsv(report).slice(1).split('\r\n')
    expect(lines[1]).toBe('"Li, ""Lily""",learner,remote,browser,2026-11-22T09:00:00.000Z,,yes,1.5,1,0.5,1.5,0,0,0,2,7')
    expect(lines[2]!.startsWith(`"'=HYPERLINK(""x"")",`)).toBe(true)
    expect(lines[3]!.startsWith('"多行\n名字",')).toBe(true)
  })
})
