import fs from 'node:fs';
import path from 'node:path';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files in version order and splits them. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .map((file) => FILE_NAME.exec(file))
    .filter((match) => match !== null)
    .map(([file, version, name]) => ({
      version: Number(version),
      name: name as string,
      statements: splitStatements(
        fs.readFileSync(path.join(dir, file as string), 'utf8'),
      ),
    }))
    .sort((a, b) => a.version - b.version);

  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration ${migration.version} is out of sequence`);
    }
  });
  return migrations;
}

/**
 * Our migration files hold plain DDL without triggers or string literals
 * containing semicolons, so a statement ends at a semicolon that ends a line.
 */
function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
