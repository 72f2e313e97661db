import { describe, expect, it } from 'vitest'
import { statementSchema } from '../../../../server/records/xapi/schema.ts'
import { buildStatement, isoDuration } from '../../../../server/records/xapi/statements.ts'
import { uuidV5 } from '../../../../server/records/xapi/uuid.ts'
import type { LearningEvent } from '../../../../server/records/events.ts'

const ctx = {
  session: { id: 'abcdefghjk', title: '光学', scene: 'optics-bench' },
  participant: { identity: 'p_abcdefghjkmn', name: 'Wang Fang', role: 'learner' },
  at: Date.UTC(2026, 10, 22, 9, 0, 0),
}

const events: LearningEvent[] = [
  { kind: 'joined', place: 'onsite', device: 'headset' },
  { kind: 'left', place: 'remote', device: 'browser', presentMs: 3_723_500, boardUpdates: 12 },
  { kind: 'hand_raised' },
  { kind: 'chat_message', text: 'hi' },
  { kind: 'speaking', ms: 90_000 },
  { kind: 'microphone', ms: 125_000 },
  { kind: 'board_contribution', updates: 3 },
  { kind: 'lab_step', scene: 'pendulum', stepId: 'measure period', title: { en: 'Measure', 'zh-CN': '测量' } },
  {
    kind: 'lab_step',
    scene: 'pendulum',
    stepId: 'release',
    title: { en: 'Release', 'zh-CN': '释放' },
    group: 'g2',
  },
  {
    kind: 'poll_answer',
    pollId: 'p1',
    question: 'Which?',
    interaction: 'choice',
    choices: [
      { id: 'o1', label: 'A' },
      { id: 'o2', label: 'B' },
    ],
    response: ['o1', 'o2'],
    correct: false,
    correctResponse: ['o1'],
  },
]

describe('xAPI statements', () => {
  it.each(events.map((e) => [e.kind, e] as const))('a %s record makes a valid 1.0.3 statement', (_k, event) => {
    const st = buildStatement('https://class.example', ctx, event)
    const r = statementSchema.safeParse(st)
    if (!r.success) throw new Error(JSON.stringify(r.error.issues))
    expect(st.context?.registration).toBe(uuidV5('abcdefghjk'))
    expect(st.timestamp).toBe('2026-11-22T09:00:00.000Z')
  })

  it('joins multiple-choice responses with [,] and keeps the correct pattern', () => {
    const st = buildStatement('https://class.example', ctx, events.at(-1)!)
    expect(st.result).toEqual({ response: 'o1[,]o2', success: false })
    expect(st.object.definition?.correctResponsesPattern).toEqual(['o1'])
  })

  it("names the breakout group whose lab a step was completed in, beside the participant's role", () => {
    const inGroup = buildStatement(
      'https://class.example',
      ctx,
      events.find((e) => e.kind === 'lab_step' && e.group)!,
    )
    expect(inGroup.context?.extensions).toEqual({
      'https://class.example/xapi/extensions/role': 'learner',
      'https://class.example/xapi/extensions/breakout-group': 'g2',
    })
    const mainRoom = buildStatement(
      'https://class.example',
      ctx,
      events.find((e) => e.kind === 'lab_step')!,
    )
    expect(mainRoom.context?.extensions).toEqual({ 'https://class.example/xapi/extensions/role': 'learner' })
  })

  it('the schema refuses what an LRS must refuse', () => {
    const good = buildStatement('https://class.example', ctx, { kind: 'hand_raised' })
    const bad = [
      { ...good, id: 'not-a-uuid' },
      { ...good, actor: { name: 'no identifier' } },
      { ...good, actor: { ...good.actor, mbox: 'mailto:a@b.c' } },
      { ...good, verb: { id: 'raised hand' } },
      { ...good, object: { id: '/relative' } },
      { ...good, timestamp: 'yesterday' },
      { ...good, context: { registration: 'abcdefghjk' } },
      { ...good, result: { duration: '90 seconds' } },
      { ...good, extra: 1 },
    ]
    for (const s of bad) expect(statementSchema.safeParse(s).success, JSON.stringify(s)).toBe(false)
  })
})

describe('helpers', () => {
  it('ISO 8601 durations', () => {
    expect(isoDuration(0)).toBe('PT0S')
    expect(isoDuration(1500)).toBe('PT1.5S')
    expect(isoDuration(3_723_500)).toBe('PT1H2M3.5S')
    expect(isoDuration(3_600_000)).toBe('PT1H')
  })

  it('name-based UUIDs follow RFC 4122 version 5', () => {
    // The RFC's DNS namespace and the classic example.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
    expect(uuidV5('abcdefghjk')).toBe(uuidV5('abcdefghjk'))
    expect(uuidV5('abcdefghjk')).not.toBe(uuidV5('abcdefghjm'))
  })
})
