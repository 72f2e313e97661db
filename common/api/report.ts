/** `GET /api/sessions/:id/report`: attendance, participation and poll results. See docs/api.md. */
import { z } from 'zod'

export const reportRowSchema = z.object({
  identity: z.string(),
  name: z.string(),
  role: z.string(),
  /** Where they were: `remote`, `onsite` (both when they moved). */
  places: z.array(z.string()),
  /** What they used: `browser`, `headset`. */
  devices: z.array(z.string()),
  firstJoinedAt: z.string().nullable(),
  lastLeftAt: z.string().nullable(),
  /** Seconds present, summed over every interval (an open interval counts until now). */
  presentSeconds: z.number(),
  present: z.boolean(),
  handsRaised: z.number(),
  speakingSeconds: z.number(),
  /** Seconds with a live (published, unmuted) microphone. */
  microphoneSeconds: z.number(),
  chatMessages: z.number(),
  pollAnswers: z.number(),
  pollAnswersCorrect: z.number(),
  labSteps: z.number(),
  boardUpdates: z.number(),
})
export type ReportRow = z.infer<typeof reportRowSchema>

export const pollSummarySchema = z.object({
  pollId: z.string(),
  question: z.string(),
  answers: z.number(),
  correct: z.number(),
  choices: z.array(z.object({ id: z.string(), label: z.string(), count: z.number() })),
  texts: z.array(z.string()),
})
export type PollSummary = z.infer<typeof pollSummarySchema>

export const sessionReportSchema = z.object({
  session: z.object({ id: z.string(), title: z.string() }),
  generatedAt: z.string(),
  participants: z.array(reportRowSchema),
  polls: z.array(pollSummarySchema),
})
export type SessionReport = z.infer<typeof sessionReportSchema>
