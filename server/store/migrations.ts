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
  // 2: Yjs documents as an append-only update log plus one merged snapshot each (compaction
  // replaces the log up to a sequence number with the snapshot, in one transaction).
  `
  CREATE TABLE doc_updates (
    doc         TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (doc, seq)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE doc_snapshots (
    doc         TEXT PRIMARY KEY,
    data        BLOB NOT NULL,
    seq         INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  ) STRICT;
  `,
  // 3: board files (slides, images, exports) stored content-addressed on disk under
  // <data>/boards/<sha256>; which session uploaded what, and the exports in a session's records.
  `
  CREATE TABLE board_uploads (
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    bytes       INTEGER NOT NULL,
    pages       INTEGER NOT NULL,
    by_identity TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (session_id, sha256)
  ) STRICT;

  CREATE TABLE board_exports (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    board       TEXT NOT NULL,
    page        TEXT,
    format      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    bytes       INTEGER NOT NULL,
    pages       INTEGER NOT NULL,
    by_name     TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX board_exports_by_session ON board_exports(session_id, created_at);
  `,
]
