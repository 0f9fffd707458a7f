-- Network egress decisions.
CREATE TABLE IF NOT EXISTS network_egress_events (
  id TEXT PRIMARY KEY,
  timestamp DATETIME NOT NULL,
  session_id TEXT,
  hostname TEXT NOT NULL,
  url TEXT,
  http_method TEXT,
  protocol TEXT,
  policy_outcome TEXT NOT NULL,
  decision_code TEXT,
  blocked INTEGER NOT NULL DEFAULT 0,
  severity TEXT NOT NULL DEFAULT 'INFO',
  details TEXT,
  connector TEXT,
  agent_id TEXT,
  tool_id TEXT,
  user_id TEXT
);
CREATE INDEX IF NOT EXISTS idx_egress_timestamp ON network_egress_events(timestamp);
CREATE INDEX IF NOT EXISTS idx_egress_hostname ON network_egress_events(hostname);
CREATE INDEX IF NOT EXISTS idx_egress_blocked ON network_egress_events(blocked);
CREATE INDEX IF NOT EXISTS idx_egress_session ON network_egress_events(session_id);
