import type { Db } from '../../store/database.ts'

export interface UploadRow {
  scene: string
  uploadedBy: string
  role: string
  sessionId: string | null
  bytes: number
  files: number
  uploadedAt: number
}

/** Who uploaded which scene package (SQLite table `scene_uploads`). */
export class UploadStore {
  private readonly stmts

  constructor(db: Db) {
    this.stmts = {
      get: db.prepare<[string], { uploaded_by: string }>('SELECT uploaded_by FROM scene_uploads WHERE scene = ?'),
      put: db.prepare(
        `INSERT INTO scene_uploads (scene, uploaded_by, role, session_id, bytes, files, uploaded_at)
         VALUES (@scene, @uploadedBy, @role, @sessionId, @bytes, @files, @uploadedAt)
         ON CONFLICT(scene) DO UPDATE SET uploaded_by = excluded.uploaded_by, role = excluded.role,
           session_id = excluded.session_id, bytes = excluded.bytes, files = excluded.files,
           uploaded_at = excluded.uploaded_at`,
      ),
    }
  }

  uploaderOf(scene: string): string | undefined {
    return this.stmts.get.get(scene)?.uploaded_by
  }

  put(row: UploadRow): void {
    this.stmts.put.run(row)
  }
}
