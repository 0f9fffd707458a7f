-- Operator mutations with before/after documents and a diff.
CREATE TABLE IF NOT EXISTS activity_events (
  id TEXT PRIMARY KEY,
  timestamp DATETIME NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  reason TEXT,
  before_json TEXT,
  after_json TEXT,
  diff_json TEXT,
  version_from TEXT,
  version_to TEXT,
  request_id TEXT,
  trace_id TEXT,
  run_id TEXT,
  session_id TEXT,
  schema_version INTEGER,
  content_hash TEXT,
  generation INTEGER,
  binary_version TEXT,
  sidecar_instance_id TEXT
);
CREATE INDEX IF NOT EXISTS idx_activity_timestamp ON activity_events(timestamp);
CREATE INDEX IF NOT EXISTS idx_activity_actor ON activity_events(actor);
CREATE INDEX IF NOT EXISTS idx_activity_action ON activity_events(action);
CREATE INDEX IF NOT EXISTS idx_activity_target ON activity_events(target_type, target_id);
