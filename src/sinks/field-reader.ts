import { AuditError } from '../protocol/audit-error.ts';
import { parseDuration, parseSize } from './config-units.ts';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads the settings of one sink, checking each value and remembering which
 * keys it read, so that a misspelt key is refused instead of ignored.
 *
 * The same reader serves the embedding API (camelCase keys, milliseconds)
 * and `config.yaml` (snake_case keys, `5s` durations), so both are checked
 * by one set of rules and errors name the key as the user wrote it.
 */
export class FieldReader {
  readonly #raw: Readonly<Record<string, unknown>>;
  readonly #where: string;
  readonly #fromFile: boolean;
  readonly #source: string | undefined;
  readonly #used = new Set<string>();

  /**
   * @param where the list entry, such as `audit_sinks.2`
   * @param source the file the entry came from, when it came from one
   */
  constructor(raw: unknown, where: string, source?: string) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw this.#error(where, 'expected a mapping of sink settings', source);
    }
    this.#raw = raw as Record<string, unknown>;
    this.#where = where;
    this.#fromFile = source !== undefined;
    this.#source = source;
  }

  /** The key as the user writes it: `flushIntervalMs` or `flush_interval`. */
  key(field: string): string {
    if (!this.#fromFile) return field;
    const snake = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    return snake.endsWith('_ms') ? snake.slice(0, -3) : snake;
  }

  get(field: string): unknown {
    const key = this.key(field);
    this.#used.add(key);
    return this.#raw[key];
  }

  text(field: string): string | undefined {
    const value = this.get(field);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      throw this.fail(field, 'expected non-empty text');
    }
    return value;
  }

  requiredText(field: string): string {
    const value = this.text(field);
    if (value === undefined) throw this.fail(field, 'is required');
    return value;
  }

  flag(field: string, fallback: boolean): boolean {
    const value = this.get(field) ?? fallback;
    if (typeof value !== 'boolean')
      throw this.fail(field, 'expected true or false');
    return value;
  }

  whole(field: string, fallback: number, min: number, max: number): number {
    const value = this.get(field) ?? fallback;
    return this.#checkWhole(field, value, min, max, 'a whole number');
  }

  /** Milliseconds; the file also takes `250ms`, `5s` or seconds. */
  duration(field: string, fallback: number, min: number): number {
    const raw = this.get(field);
    const value =
      raw === undefined || raw === null
        ? fallback
        : this.#fromFile
          ? (parseDuration(raw) ?? raw)
          : raw;
    const unit = this.#fromFile
      ? 'a duration such as 5s or 250ms'
      : 'a whole number of milliseconds';
    return this.#checkWhole(field, value, min, 86_400_000, unit);
  }

  /** Bytes; the file also takes `50MB`. */
  size(field: string, fallback: number, min: number): number {
    const raw = this.get(field);
    const value = raw === undefined || raw === null ? fallback : parseSize(raw);
    return this.#checkWhole(field, value, min, 2 ** 40, 'a size in bytes');
  }

  /** The name of an environment variable (never the secret itself). */
  envName(field: string): string | undefined {
    const value = this.text(field);
    if (value !== undefined && !ENV_NAME.test(value)) {
      throw this.fail(field, `"${value}" is not an environment variable name`);
    }
    return value;
  }

  textList(field: string): string[] | undefined {
    const value = this.get(field);
    if (value === undefined || value === null) return undefined;
    const ok =
      Array.isArray(value) &&
      value.every((item) => typeof item === 'string' && item !== '');
    if (!ok) throw this.fail(field, 'expected a list of non-empty text');
    return [...(value as string[])];
  }

  /** A mapping of text to environment variable names. */
  envMap(field: string): Record<string, string> {
    const value = this.get(field) ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw this.fail(field, 'expected a mapping of names to variables');
    }
    const entries = Object.entries(value as Record<string, unknown>);
    for (const [name, env] of entries) {
      if (typeof env !== 'string' || !ENV_NAME.test(env)) {
        throw this.fail(
          field,
          `${name}: expected an environment variable name`,
        );
      }
    }
    return Object.fromEntries(entries) as Record<string, string>;
  }

  /** Refuses keys that no rule read: most likely a typo. */
  finish(): void {
    const unknown = Object.keys(this.#raw).filter((k) => !this.#used.has(k));
    if (unknown.length > 0) {
      const [first] = unknown;
      throw this.#error(
        `${this.#where}.${first}`,
        'is not a sink setting; check its spelling in README.md, "Sinks"',
        this.#source,
      );
    }
  }

  fail(field: string, message: string): AuditError {
    return this.#error(
      `${this.#where}.${this.key(field)}`,
      message,
      this.#source,
    );
  }

  #checkWhole(
    field: string,
    value: unknown,
    min: number,
    max: number,
    unit: string,
  ): number {
    if (
      typeof value !== 'number' ||
      !Number.isSafeInteger(value) ||
      value < min ||
      value > max
    ) {
      throw this.fail(field, `expected ${unit} from ${min} to ${max}`);
    }
    return value;
  }

  #error(field: string, message: string, source?: string): AuditError {
    const prefix = source === undefined ? '' : `${source}: `;
    return new AuditError('INVALID_INPUT', `${prefix}${field}: ${message}`, {
      field,
    });
  }
}
