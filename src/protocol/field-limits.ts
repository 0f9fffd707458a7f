/**
 * Size limits for free-text and JSON fields, in UTF-8 bytes. A value over
 * its limit is refused with INVALID_INPUT, except `judge.rawResponse`, which
 * the store truncates on a character boundary (SPEC: 64 KiB with a marker).
 */
export const FIELD_LIMITS = {
  /** ids, correlation ids, names, hosts, versions and other short keys. */
  shortText: 512,
  /** targets, titles, locations, reasons, URLs, errors. */
  mediumText: 8 * 1024,
  /** `details`, descriptions, remediation text. */
  longText: 64 * 1024,
  /** Any serialised JSON document (structured, before, after, raw). */
  json: 256 * 1024,
  /** Judge raw responses are cut to this size rather than refused. */
  judgeRawResponse: 64 * 1024,
  /** The most events one `recordEvents` call may carry. */
  batchItems: 10_000,
  /** The most findings one scan may carry. */
  scanFindings: 10_000,
} as const;
