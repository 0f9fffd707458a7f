-- One row per sink delivery attempt.
CREATE TABLE IF NOT EXISTS sink_health (
  id TEXT PRIMARY KEY,
  timestamp DATETIME NOT NULL,
  sink_name TEXT NOT NULL,
  sink_kind TEXT NOT NULL,
  outcome TEXT NOT NULL,
  status_code INTEGER,
  latency_ms INTEGER,
  batch_size INTEGER,
  error TEXT,
  queue_depth INTEGER,
  dropped_count INTEGER,
  schema_version INTEGER,
  content_hash TEXT,
  generation INTEGER,
  binary_version TEXT,
  sidecar_instance_id TEXT
);
CREATE INDEX IF NOT EXISTS idx_sink_health_sink ON sink_health(sink_name, timestamp);
