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
  // 3: learning records. Attendance is one row per presence interval; everything else a
  // participant does is an event; every record also becomes an xAPI statement in the outbox, which
  // a delivery loop posts to the LRS (rows stay, with when they were delivered).
  `
  CREATE TABLE attendance (
    id          INTEGER PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    identity    TEXT NOT NULL,
    place       TEXT NOT NULL,
    device      TEXT NOT NULL,
    joined_at   INTEGER NOT NULL,
    left_at     INTEGER
  ) STRICT;
  CREATE INDEX attendance_by_session ON attendance(session_id, identity);

  CREATE TABLE record_events (
    id          INTEGER PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    identity    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    at          INTEGER NOT NULL,
    data        TEXT NOT NULL
  ) STRICT;
  CREATE INDEX record_events_by_session ON record_events(session_id, kind);

  CREATE TABLE xapi_statements (
    id              TEXT PRIMARY KEY,
    session_id      TEXT NOT NULL,
    statement       TEXT NOT NULL,
    stored_at       INTEGER NOT NULL,
    delivered_at    INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT
  ) STRICT;
  CREATE INDEX xapi_pending ON xapi_statements(next_attempt_at) WHERE delivered_at IS NULL;
  CREATE INDEX xapi_by_session ON xapi_statements(session_id, stored_at);
  `,
  // 4: polls with their correct answers (kept here until revealed) and one answer per person.
  `
  CREATE TABLE polls (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    question    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    options     TEXT NOT NULL,
    correct     TEXT,
    status      TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX polls_by_session ON polls(session_id);

  CREATE TABLE poll_answers (
    poll_id     TEXT NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    identity    TEXT NOT NULL,
    response    TEXT NOT NULL,
    correct     INTEGER,
    at          INTEGER NOT NULL,
    PRIMARY KEY (poll_id, identity)
  ) STRICT;
  `,
  // 5: access control: a session can be locked or have a waiting room; invites can expire (a
  // rotated invite gets a new code, so the old link stops working); participants can be waiting,
  // denied or removed.
  `
  ALTER TABLE sessions ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN waiting_room INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE invites ADD COLUMN expires_at INTEGER;
  ALTER TABLE participants ADD COLUMN status TEXT NOT NULL DEFAULT 'admitted';
  `,
  // 6: board files (slides, images, exports) stored content-addressed on disk under
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
  // 7: lab steps each participant saw completed (their lab learning records), and who uploaded
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
