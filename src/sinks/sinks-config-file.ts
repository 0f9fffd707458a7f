import fs from 'node:fs';

import { parse } from 'yaml';

import { AuditError } from '../protocol/audit-error.ts';

/**
 * The `audit_sinks:` list of a YAML config file, entries unchecked. The
 * file is the gateway's own `config.yaml`: every other top-level key
 * belongs to the gateway and is left alone. No list means no sinks.
 */
export function readSinksConfigFile(file: string): unknown[] {
  const document = parseYaml(file, readText(file));
  if (document === null || document === undefined) return [];
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw invalidFile(file, 'expected a mapping at the top level');
  }

  const list = (document as Record<string, unknown>)['audit_sinks'];
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) {
    throw invalidFile(file, 'audit_sinks: expected a list of sinks');
  }
  return list;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AuditError(
      missing ? 'NOT_FOUND' : 'IO',
      `cannot read sink settings from ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function parseYaml(file: string, text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw invalidFile(file, `not valid YAML: ${(error as Error).message}`);
  }
}

function invalidFile(file: string, message: string): AuditError {
  return new AuditError('INVALID_INPUT', `${file}: ${message}`, {
    field: 'audit_sinks',
  });
}
