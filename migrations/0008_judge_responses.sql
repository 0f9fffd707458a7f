-- LLM-judge answers.
CREATE TABLE IF NOT EXISTS judge_responses (
  id TEXT PRIMARY KEY,
  timestamp DATETIME NOT NULL,
  kind TEXT NOT NULL,
  direction TEXT,
  model TEXT,
  action TEXT,
  severity TEXT,
  latency_ms INTEGER,
  parse_error TEXT,
  raw_response TEXT NOT NULL,
  request_id TEXT,
  trace_id TEXT,
  session_id TEXT,
  confidence REAL,
  fail_closed_applied INTEGER NOT NULL DEFAULT 0,
  schema_version INTEGER,
  content_hash TEXT,
  generation INTEGER,
  binary_version TEXT,
  sidecar_instance_id TEXT
);
CREATE INDEX IF NOT EXISTS idx_judge_timestamp ON judge_responses(timestamp);
CREATE INDEX IF NOT EXISTS idx_judge_request ON judge_responses(request_id);
