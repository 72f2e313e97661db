/**
 * Learning events → xAPI 1.0.3 statements. The session is the registration (a name-based UUID of
 * its id) and the grouping activity; actors are accounts on this Atrium (`PUBLIC_URL`).
 */
import crypto from 'node:crypto'
import type { LearningEvent, RecordContext } from '../events.ts'
import type { Statement } from './schema.ts'
import { uuidV5 } from './uuid.ts'

type Lang = Record<string, string>
const verb = (id: string, en: string, zh: string) => ({ id, display: { en, 'zh-CN': zh } as Lang })

/** Verbs: ADL and Activity Streams where one fits, Atrium's own under the server's base IRI. */
function verbs(base: string) {
  return {
    joined: verb('http://activitystrea.ms/schema/1.0/join', 'joined', '加入了'),
    left: verb('http://activitystrea.ms/schema/1.0/leave', 'left', '离开了'),
    answered: verb('http://adlnet.gov/expapi/verbs/answered', 'answered', '回答了'),
    commented: verb('http://adlnet.gov/expapi/verbs/commented', 'commented', '发言了'),
    completed: verb('http://adlnet.gov/expapi/verbs/completed', 'completed', '完成了'),
    interacted: verb('http://adlnet.gov/expapi/verbs/interacted', 'interacted', '参与了'),
    raisedHand: verb(`${base}/xapi/verbs/raised-hand`, 'raised hand', '举手了'),
    spoke: verb(`${base}/xapi/verbs/spoke`, 'spoke', '发言（语音）'),
    usedMicrophone: verb(`${base}/xapi/verbs/used-microphone`, 'had the microphone on', '开着麦克风'),
  }
}

/** ISO 8601 duration of milliseconds, e.g. PT1H2M3.5S. */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms)) / 1000
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = Math.round((total % 60) * 100) / 100
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`
}

export function buildStatement(base: string, ctx: RecordContext, event: LearningEvent): Statement {
  const v = verbs(base)
  const sessionActivity = {
    objectType: 'Activity' as const,
    id: `${base}/sessions/${ctx.session.id}`,
    definition: {
      name: { und: ctx.session.title },
      type: 'http://adlnet.gov/expapi/activities/meeting',
    },
  }
  const ext = (name: string) => `${base}/xapi/extensions/${name}`
  const common = {
    id: crypto.randomUUID(),
    actor: {
      objectType: 'Agent' as const,
      name: ctx.participant.name,
      account: { homePage: base, name: ctx.participant.identity },
    },
    timestamp: new Date(ctx.at).toISOString(),
    context: {
      registration: uuidV5(ctx.session.id),
      platform: 'Atrium',
      contextActivities: { grouping: [sessionActivity] },
      extensions: { [ext('role')]: ctx.participant.role },
    },
  }
  switch (event.kind) {
    case 'joined':
      return {
        ...common,
        verb: v.joined,
        object: sessionActivity,
        context: {
          ...common.context,
          extensions: { ...common.context.extensions, [ext('place')]: event.place, [ext('device')]: event.device },
        },
      }
    case 'left':
      return {
        ...common,
        verb: v.left,
        object: sessionActivity,
        result: { duration: isoDuration(event.presentMs), extensions: { [ext('board-updates')]: event.boardUpdates } },
        context: {
          ...common.context,
          extensions: { ...common.context.extensions, [ext('place')]: event.place, [ext('device')]: event.device },
        },
      }
    case 'hand_raised':
      return { ...common, verb: v.raisedHand, object: sessionActivity }
    case 'chat_message':
      return { ...common, verb: v.commented, object: sessionActivity, result: { response: event.text } }
    case 'speaking':
      return { ...common, verb: v.spoke, object: sessionActivity, result: { duration: isoDuration(event.ms) } }
    case 'microphone':
      return { ...common, verb: v.usedMicrophone, object: sessionActivity, result: { duration: isoDuration(event.ms) } }
    case 'board_contribution':
      return {
        ...common,
        verb: v.interacted,
        object: {
          objectType: 'Activity',
          id: `${base}/sessions/${ctx.session.id}/boards`,
          definition: { name: { en: 'Whiteboards', 'zh-CN': '白板' } },
        },
        result: { extensions: { [ext('board-updates')]: event.updates } },
      }
    case 'lab_step':
      return {
        ...common,
        verb: v.completed,
        object: {
          objectType: 'Activity',
          id: `${base}/scenes/${event.scene}/steps/${encodeURIComponent(event.stepId)}`,
          definition: { name: event.title as Lang, type: 'http://adlnet.gov/expapi/activities/objective' },
        },
        result: { completion: true },
        context: {
          ...common.context,
          ...(event.group
            ? { extensions: { ...common.context.extensions, [ext('breakout-group')]: event.group } }
            : {}),
          contextActivities: {
            grouping: [sessionActivity],
            parent: [{ objectType: 'Activity', id: `${base}/scenes/${event.scene}` }],
          },
        },
      }
    case 'poll_answer': {
      const response = Array.isArray(event.response) ? event.response.join('[,]') : event.response
      return {
        ...common,
        verb: v.answered,
        object: {
          objectType: 'Activity',
          id: `${base}/sessions/${ctx.session.id}/polls/${event.pollId}`,
          definition: {
            name: { und: event.question },
            type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
            interactionType: event.interaction,
            ...(event.choices
              ? { choices: event.choices.map((c) => ({ id: c.id, description: { und: c.label } })) }
              : {}),
            ...(event.correctResponse ? { correctResponsesPattern: [event.correctResponse.join('[,]')] } : {}),
          },
        },
        result: { response, ...(event.correct !== undefined ? { success: event.correct } : {}) },
      }
    }
  }
}
