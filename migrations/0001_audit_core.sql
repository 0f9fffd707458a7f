-- The first release's tables: audit events, scans and their findings.
CREATE TABLE IF NOT EXISTS audit_events (
  id TEXT PRIMARY KEY,
  timestamp DATETIME NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  actor TEXT NOT NULL DEFAULT 'defenseclaw',
  details TEXT,
  severity TEXT
);
CREATE INDEX IF NOT EXISTS idx_audit_timestamp ON audit_events(timestamp);
CREATE INDEX IF NOT EXISTS idx_audit_action ON audit_events(action);

CREATE TABLE IF NOT EXISTS scan_results (
  id TEXT PRIMARY KEY,
  scanner TEXT NOT NULL,
  target TEXT NOT NULL,
  timestamp DATETIME NOT NULL,
  duration_ms INTEGER,
  finding_count INTEGER,
  max_severity TEXT,
  raw_json TEXT
);
CREATE INDEX IF NOT EXISTS idx_scan_results_timestamp ON scan_results(timestamp);

CREATE TABLE IF NOT EXISTS findings (
  id TEXT PRIMARY KEY,
  scan_id TEXT NOT NULL REFERENCES scan_results(id),
  severity TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  location TEXT,
  remediation TEXT,
  scanner TEXT NOT NULL,
  tags TEXT
);
CREATE INDEX IF NOT EXISTS idx_findings_scan ON findings(scan_id);
