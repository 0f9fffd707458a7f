/** The three enforcement fields and the values each may take. */
export const ENFORCEMENT_VALUES = {
  install: ['block', 'allow', 'none'],
  file: ['quarantine', 'none'],
  runtime: ['disable', 'enable'],
} as const;

export type EnforcementField = keyof typeof ENFORCEMENT_VALUES;

export type EnforcementActions = {
  -readonly [F in EnforcementField]?: (typeof ENFORCEMENT_VALUES)[F][number];
};

/** A target whose enforcement state is kept in `actions`. */
export interface EnforcementTarget {
  targetType: string;
  targetName: string;
  /** '' or absent means the global row. */
  connector?: string;
}

export interface EnforcementUpdate extends EnforcementTarget {
  actions: EnforcementActions;
  sourcePath?: string;
  reason?: string;
}

export interface EnforcementClear extends EnforcementTarget {
  fields: EnforcementField[];
}

export interface EnforcementRecord {
  targetType: string;
  targetName: string;
  connector: string;
  sourcePath: string | null;
  actions: EnforcementActions;
  reason: string | null;
  updatedAt: string;
}
