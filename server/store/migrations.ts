/**
 * Numbered schema migrations. Each runs once, in order, inside one transaction; the applied
 * number is kept in SQLite's `user_version`. Never edit a shipped migration: add the next one.
 */
export const migrations: readonly string[] = [
  // 1: sessions, their role-scoped invites, and everyone who joined.
  `
  CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    scene       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    ended_at    INTEGER
  ) STRICT;

  CREATE TABLE invites (
    code        TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (session_id, role)
  ) STRICT;

  CREATE TABLE participants (
    identity    TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    joined_at   INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX participants_by_session ON participants(session_id);

  CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
  ) STRICT;
  `,
  // 2: lab steps each participant saw completed (their lab learning records), and who uploaded
  // which scene package (uploads replace only a package the same person or an admin uploaded).
  `
  CREATE TABLE lab_steps (
    session_id    TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    identity      TEXT NOT NULL,
    scene         TEXT NOT NULL,
    step          TEXT NOT NULL,
    group_id      TEXT NOT NULL DEFAULT '',
    completed_at  INTEGER NOT NULL,
    completed_by  TEXT NOT NULL,
    recorded_at   INTEGER NOT NULL,
    PRIMARY KEY (session_id, identity, scene, step, group_id)
  ) STRICT;

  CREATE TABLE scene_uploads (
    scene         TEXT PRIMARY KEY,
    uploaded_by   TEXT NOT NULL,
    role          TEXT NOT NULL,
    session_id    TEXT,
    bytes         INTEGER NOT NULL,
    files         INTEGER NOT NULL,
    uploaded_at   INTEGER NOT NULL
  ) STRICT;
  `,
]
