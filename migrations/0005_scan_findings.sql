-- The richer per-finding record.
CREATE TABLE IF NOT EXISTS scan_findings (
  id TEXT PRIMARY KEY,
  scan_id TEXT NOT NULL,
  scanner TEXT NOT NULL,
  target TEXT NOT NULL,
  severity TEXT NOT NULL,
  timestamp DATETIME NOT NULL,
  rule_id TEXT,
  category TEXT,
  title TEXT,
  description TEXT,
  location TEXT,
  line_number INTEGER,
  remediation TEXT,
  tags TEXT,
  confidence REAL,
  evaluation_id TEXT,
  run_id TEXT,
  request_id TEXT,
  session_id TEXT,
  trace_id TEXT,
  schema_version INTEGER,
  content_hash TEXT,
  generation INTEGER,
  binary_version TEXT,
  sidecar_instance_id TEXT
);
CREATE INDEX IF NOT EXISTS idx_scan_findings_scan ON scan_findings(scan_id);
CREATE INDEX IF NOT EXISTS idx_scan_findings_severity ON scan_findings(severity, timestamp);
CREATE INDEX IF NOT EXISTS idx_scan_findings_rule ON scan_findings(rule_id);
