import type { Db } from '../../store/database.ts'

export interface LabStepRow {
  sessionId: string
  identity: string
  scene: string
  step: string
  group: string | null
  completedAt: number
  completedBy: string
}

export interface LabStepListRow extends LabStepRow {
  name: string
  role: string
}

/** Lab steps seen completed, one row per participant and step (SQLite table `lab_steps`). */
export class LabStepStore {
  private readonly stmts

  constructor(db: Db) {
    this.stmts = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO lab_steps
           (session_id, identity, scene, step, group_id, completed_at, completed_by, recorded_at)
         VALUES (@sessionId, @identity, @scene, @step, @group, @completedAt, @completedBy, @recordedAt)`,
      ),
      list: db.prepare<
        [string],
        {
          session_id: string
          identity: string
          scene: string
          step: string
          group_id: string
          completed_at: number
          completed_by: string
          name: string | null
          role: string | null
        }
      >(
        `SELECT s.*, p.name, p.role FROM lab_steps s LEFT JOIN participants p ON p.identity = s.identity
         WHERE s.session_id = ? ORDER BY s.completed_at, s.identity`,
      ),
    }
  }

  /** Adds a record; false when this participant already has it (records are idempotent). */
  add(row: LabStepRow, recordedAt: number): boolean {
    return this.stmts.insert.run({ ...row, group: row.group ?? '', recordedAt }).changes === 1
  }

  list(sessionId: string): LabStepListRow[] {
    return this.stmts.list.all(sessionId).map((r) => ({
      sessionId: r.session_id,
      identity: r.identity,
      scene: r.scene,
      step: r.step,
      group: r.group_id || null,
      completedAt: r.completed_at,
      completedBy: r.completed_by,
      name: r.name ?? '',
      role: r.role ?? '',
    }))
  }
}
