-- Durable delivery cursors: the rowid of the last audit event each sink's
-- receiver accepted.
CREATE TABLE IF NOT EXISTS sink_cursors (
  sink_name TEXT PRIMARY KEY,
  position INTEGER NOT NULL DEFAULT 0,
  updated_at DATETIME NOT NULL
);
