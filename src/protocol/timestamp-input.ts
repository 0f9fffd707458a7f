/**
 * A moment as callers may give it: a Date, epoch milliseconds, or a string
 * in RFC 3339 (any offset) or SQLite's `YYYY-MM-DD HH:MM:SS[.SSS]` (UTC).
 * The store keeps one canonical UTC text form; see `canonical-timestamp.ts`.
 */
export type TimestampInput = Date | number | string;

/** JSON values as stored in the `*_json` columns. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type JsonObject = { [key: string]: JsonValue };

/**
 * A stored row as reads return it: every field present, null when the
 * column is empty.
 */
export type StoredRecord<T> = {
  [K in keyof T]-?: Exclude<T[K], undefined> | null;
};
