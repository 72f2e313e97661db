/**
 * Learning records: the teacher's report (JSON and CSV) and, for the institution, every record
 * and xAPI statement of a session.
 */
import type { FastifyInstance } from 'fastify'
import type { SessionService } from '../../sessions/session-service.ts'
import type { SessionStore } from '../../store/session-store.ts'
import type { RecordsStore } from '../../records/records-store.ts'
import type { TokenService } from '../../auth/tokens.ts'
import { buildReport } from '../../records/report.ts'
import { reportCsv } from '../../records/csv.ts'
import { requireAdmin, requireCaller } from '../authorize.ts'
import { sessionIdParam } from './sessions.ts'

export interface RecordRouteDeps {
  sessions: SessionService
  store: SessionStore
  records: RecordsStore
  tokens: TokenService
  adminToken: string
}

export function recordRoutes(app: FastifyInstance, deps: RecordRouteDeps): void {
  const report = (id: ReturnType<typeof sessionIdParam>) => {
    const s = deps.sessions.get(id)
    return buildReport(
      { id: s.id, title: s.title },
      deps.store.participantsOf(id),
      deps.records.attendanceOf(id),
      deps.records.eventsOf(id),
      Date.now(),
    )
  }

  app.get('/api/sessions/:id/report', async (req) => {
    const id = sessionIdParam(req)
    await requireCaller(req, deps, id, ['teacher', 'assistant'])
    return report(id)
  })

  app.get('/api/sessions/:id/report.csv', async (req, reply) => {
    const id = sessionIdParam(req)
    await requireCaller(req, deps, id, ['teacher', 'assistant'])
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="atrium-${id}-report.csv"`)
      .send(reportCsv(report(id)))
  })

  app.get('/api/sessions/:id/records', async (req) => {
    requireAdmin(req, deps.adminToken)
    const id = sessionIdParam(req)
    deps.sessions.get(id)
    return {
      participants: deps.store.participantsOf(id),
      attendance: deps.records.attendanceOf(id),
      events: deps.records.eventsOf(id),
    }
  })

  app.get('/api/sessions/:id/statements', async (req) => {
    requireAdmin(req, deps.adminToken)
    const id = sessionIdParam(req)
    deps.sessions.get(id)
    const rows = deps.records.statementsOf(id)
    return {
      statements: rows.map((r) => r.statement),
      delivered: rows.filter((r) => r.delivered).length,
      pending: rows.filter((r) => !r.delivered).length,
    }
  })
}
