import { InvalidArgumentError } from 'commander';

import { parseSeverity, type Severity } from '../protocol/severity.ts';

/**
 * Value parsers for commander options. They throw InvalidArgumentError,
 * which commander reports naming the flag, and which the CLI exits on
 * with the usage code.
 */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      const range =
        max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min} to ${max}`;
      throw new InvalidArgumentError(`Expected a whole number, ${range}.`);
    }
    return number;
  };
}

export function severityValue(value: string): Severity {
  const severity = parseSeverity(value.trim());
  if (severity === undefined) {
    throw new InvalidArgumentError(
      'Expected one of CRITICAL, HIGH, MEDIUM, LOW, WARN, INFO.',
    );
  }
  return severity;
}
