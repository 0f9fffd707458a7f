/**
 * The closed registry of audit action names. An event whose action is not
 * listed here is refused; an embedder that needs more passes them in
 * `AuditStoreConfig.extraActions`.
 */
export const AUDIT_ACTIONS = [
  // Scanning and drift.
  'scan',
  'scan-start',
  'scan-complete',
  'scan-error',
  'rescan',
  'drift-detected',
  'baseline-captured',
  // Enforcement.
  'block',
  'unblock',
  'allow',
  'disallow',
  'quarantine',
  'restore',
  'disable',
  'enable',
  'install',
  'install-blocked',
  'uninstall',
  'deploy',
  'enforcement-clear',
  // Configuration and policy.
  'config-update',
  'config-reload',
  'config-validate',
  'policy-reload',
  'policy-update',
  'policy-violation',
  'rule-pack-update',
  'setup',
  'init',
  // Guardrails and the LLM judge.
  'guardrail-block',
  'guardrail-warn',
  'guardrail-allow',
  'guardrail-verdict',
  'guardrail-error',
  'guardrail-redact',
  'llm-judge-response',
  'llm-judge-error',
  'prompt-injection',
  'pii-detected',
  'secret-detected',
  // Tools, skills, MCP servers and plugins.
  'tool-call',
  'tool-result',
  'tool-block',
  'tool-allow',
  'skill-install',
  'skill-remove',
  'mcp-connect',
  'mcp-disconnect',
  'plugin-install',
  'plugin-remove',
  // Network egress.
  'egress-allow',
  'egress-block',
  'egress-warn',
  // Sinks and exports.
  'alert',
  'sink-failure',
  'sink-restored',
  'sink-delivered',
  'export',
  // Lifecycle.
  'sidecar-start',
  'sidecar-stop',
  'gateway-start',
  'gateway-stop',
  'watch-start',
  'watch-stop',
  'watcher-event',
  'session-start',
  'session-end',
  'store-recovered',
  'operator-login',
  'operator-action',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
