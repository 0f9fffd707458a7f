-- Enforcement state: what is blocked, allowed, quarantined or disabled.
CREATE TABLE IF NOT EXISTS actions (
  id TEXT PRIMARY KEY,
  target_type TEXT NOT NULL,
  target_name TEXT NOT NULL,
  connector TEXT NOT NULL DEFAULT '',
  source_path TEXT,
  actions_json TEXT NOT NULL DEFAULT '{}',
  reason TEXT,
  updated_at DATETIME NOT NULL,
  UNIQUE (target_type, target_name, connector)
);
