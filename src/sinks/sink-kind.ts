/**
 * The kinds of sink the store delivers to. `gateway_jsonl` is the local
 * `gateway.jsonl` log; the others are remote receivers.
 */
export const SINK_KINDS = [
  'http_jsonl',
  'splunk_hec',
  'otlp_logs',
  'postgres',
  'gateway_jsonl',
] as const;

export type SinkKind = (typeof SINK_KINDS)[number];
