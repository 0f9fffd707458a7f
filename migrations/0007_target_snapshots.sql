-- Drift baselines, one per target.
CREATE TABLE IF NOT EXISTS target_snapshots (
  id TEXT PRIMARY KEY,
  target_type TEXT NOT NULL,
  target_path TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  dependency_hashes TEXT,
  config_hashes TEXT,
  network_endpoints TEXT,
  scan_id TEXT,
  captured_at DATETIME NOT NULL,
  scanner_fingerprint TEXT NOT NULL DEFAULT '',
  UNIQUE (target_type, target_path)
);
