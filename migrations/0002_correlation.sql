-- Correlation ids and structured payloads on audit events.
ALTER TABLE audit_events ADD COLUMN structured_json TEXT;
ALTER TABLE audit_events ADD COLUMN run_id TEXT;
ALTER TABLE audit_events ADD COLUMN request_id TEXT;
ALTER TABLE audit_events ADD COLUMN session_id TEXT;
ALTER TABLE audit_events ADD COLUMN trace_id TEXT;
ALTER TABLE audit_events ADD COLUMN span_id TEXT;
ALTER TABLE scan_results ADD COLUMN run_id TEXT;
ALTER TABLE findings ADD COLUMN rule_id TEXT;
ALTER TABLE findings ADD COLUMN line_number INTEGER;
CREATE INDEX IF NOT EXISTS idx_audit_request ON audit_events(request_id);
CREATE INDEX IF NOT EXISTS idx_audit_session ON audit_events(session_id);
CREATE INDEX IF NOT EXISTS idx_audit_severity_ts ON audit_events(severity, timestamp);
CREATE INDEX IF NOT EXISTS idx_audit_trace ON audit_events(trace_id);
CREATE INDEX IF NOT EXISTS idx_audit_run ON audit_events(run_id);
