import fs from 'node:fs';
import os from 'node:os';

import Database from 'better-sqlite3';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite: string;
  packages: Record<string, string>;
  /** Where the benchmark databases live, and on what file system. */
  tempDir: string;
  fileSystem: string;
}

const PACKAGES = ['better-sqlite3', 'comlink', 'piscina', 'uuid'];

/** statfs magic numbers of the file systems a bench is likely to meet. */
const FILE_SYSTEMS: Record<number, string> = {
  0xef53: 'ext4',
  0x01021994: 'tmpfs',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x794c7630: 'overlayfs',
};

/** The facts every report states beside its figures. */
export function machineInfo(tempDir: string): MachineInfo {
  const cpus = os.cpus();
  const type = fs.statfsSync(tempDir).type;
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: sqliteVersion(),
    packages: {
      'defenseclaw-audit': packageVersion('..'),
      ...Object.fromEntries(
        PACKAGES.map((name) => [
          name,
          packageVersion(`../node_modules/${name}`),
        ]),
      ),
    },
    tempDir,
    fileSystem: FILE_SYSTEMS[type] ?? `0x${type.toString(16)}`,
  };
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return String(db.prepare('SELECT sqlite_version()').pluck().get());
  } finally {
    db.close();
  }
}

/** Read from the file: piscina's exports map hides its package.json. */
function packageVersion(folder: string): string {
  const file = new URL(`${folder}/package.json`, import.meta.url);
  const { version } = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    version: string;
  };
  return version;
}
