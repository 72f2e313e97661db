/**
 * Step records checked against the lab document: with a document reader wired in, a record must
 * match a completion the lab really holds. Real SQLite, real Y.Docs.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LabDoc } from '#common/collab/lab-doc.ts'
import { openDatabase } from '../../../../server/store/database.ts'
import { SessionStore } from '../../../../server/store/session-store.ts'
import { SessionService } from '../../../../server/sessions/session-service.ts'
import { SceneCatalog } from '../../../../server/scenes/catalog.ts'
import { LabStepStore } from '../../../../server/scenes/lab-steps/lab-step-store.ts'
import { LabStepService } from '../../../../server/scenes/lab-steps/lab-step-service.ts'
import { TokenService, type VerifiedToken } from '../../../../server/auth/tokens.ts'
import { createMediaService } from '../../../../server/media/media-service.ts'
import { loadOrCreateSecrets } from '../../../../server/auth/secrets.ts'
import { participantIdentitySchema, sceneIdSchema } from '#common/ids.ts'

const scenesDir = path.resolve(import.meta.dirname, '../../../../scenes')
let dir: string
let service: LabStepService
let labDoc: Y.Doc
let who: VerifiedToken

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-steps-'))
  const db = openDatabase(dir)
  const catalog = await SceneCatalog.load({ builtIn: scenesDir }, pino({ level: 'silent' }))
  const sessions = new SessionService({
    store: new SessionStore(db),
    tokens: new TokenService('x'.repeat(32)),
    media: createMediaService(
      {
        mode: 'embedded',
        network: { addresses: [], portRange: undefined, iceServers: [], simulatedLoss: 0 },
        threads: 0,
      },
      loadOrCreateSecrets(dir).livekit,
    ),
    catalog,
    tokenTtlSeconds: 60,
    presenceCount: () => 0,
  })
  const { session } = sessions.create({ title: 'Lab', scene: sceneIdSchema.parse('pendulum') })
  labDoc = new Y.Doc()
  service = new LabStepService({
    store: new LabStepStore(db),
    sessions,
    catalog,
    labDoc: ({ sessionId, scene }) => (sessionId === session.id && scene === 'pendulum' ? labDoc : undefined),
    documentWaitMs: 300,
  })
  who = {
    sessionId: session.id,
    identity: participantIdentitySchema.parse('p_aaaaaaaaaaaa'),
    name: 'Ana',
    role: 'learner',
    exp: 0,
  }
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('lab step records against the lab document', () => {
  const claim = (at: number) => ({ scene: 'pendulum', step: 'release', completedAt: at, completedBy: 'p_bbbbbbbbbbbb' })

  it('accepts a completion the lab document holds', async () => {
    const at = Date.now()
    labDoc.getMap(LabDoc.steps).set('release', { at, by: 'p_bbbbbbbbbbbb', name: 'Ben' })
    await expect(service.record(who, claim(at))).resolves.toEqual({ created: true })
  })

  it('waits for a completion that reaches the document just after the record', async () => {
    const at = Date.now()
    const pending = service.record(who, claim(at))
    setTimeout(() => labDoc.getMap(LabDoc.steps).set('release', { at, by: 'p_bbbbbbbbbbbb', name: 'Ben' }), 50)
    await expect(pending).resolves.toEqual({ created: true })
  })

  it('refuses a completion the lab never saw, or one with another time', async () => {
    const at = Date.now()
    await expect(service.record(who, claim(at))).rejects.toThrow('This step was not completed in the lab')
    labDoc.getMap(LabDoc.steps).set('release', { at, by: 'p_bbbbbbbbbbbb', name: 'Ben' })
    await expect(service.record(who, claim(at - 5000))).rejects.toThrow('This step was not completed in the lab')
  })
})
