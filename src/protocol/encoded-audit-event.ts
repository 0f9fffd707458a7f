/**
 * An audit event as it travels to the writer thread: one value per column
 * of `audit_events`, in the order the table's column declarations give,
 * with `structured` already serialised to JSON text and the timestamp in
 * the store's canonical form (null when absent, so the writer stamps it).
 *
 * Why a row and not the caller's object: structured clone copies an
 * object's keys and nested objects one by one, which cost the writer
 * thread about 5 us of its ~55 us per event; a flat row of strings and
 * numbers deserialises in under 2 us. The writer still checks every value
 * of a row, so a malformed one is refused as an object would be.
 */
export type EncodedAuditEvent = readonly unknown[];
