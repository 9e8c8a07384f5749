// What the agent knows about the Sage 100 tables and business objects it serves. Column
// names come from the vendor's file layouts (erps.md §8 D.1, Rel 4.40) and crgolden.Sage100
// `Entities/MainAccount.cs`, `Entities/Account.cs` (erps.md §2.3). GL_AccountStructure's
// layout is NOT FOUND: its columns here are the agent's own (see structure.ts).

export const TABLE_NAMES = ['GL_AccountStructure', 'GL_MainAccount', 'GL_SubAccount', 'GL_Account'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const OBJECT_NAMES = ['GL_SubAccount_bus', 'GL_Account_bus', 'GL_MainAccount_bus'] as const;
export type ObjectName = (typeof OBJECT_NAMES)[number];

export interface TableSpec {
  /** Browse order and the cursor: the table's KPRIMARY (erps.md §8 D.1). */
  primaryKey: readonly string[];
  columns: readonly string[];
  /** Numeric columns (no `$` suffix in ProvideX); every other column is a string. */
  numeric: readonly string[];
}

const AUDIT = ['DateCreated', 'TimeCreated', 'UserCreatedKey', 'DateUpdated', 'TimeUpdated', 'UserUpdatedKey'] as const;
const ROLLUPS = ['RollupCode1', 'RollupCode2', 'RollupCode3', 'RollupCode4'] as const;

export const TABLES: Record<TableName, TableSpec> = {
  GL_AccountStructure: { primaryKey: ['SegmentNo'], columns: ['SegmentNo', 'SegmentLength', 'SegmentDesc', 'Separator'], numeric: ['SegmentLength'] },
  GL_MainAccount: {
    primaryKey: ['SegmentNo', 'MainAccountCode'],
    columns: ['SegmentNo', 'MainAccountCode', 'MainAccountDesc', 'MainAccountShortDesc', 'DateStart', 'DateEnd', 'Status', 'ClearBalance', 'AccountGroup', 'AccountCategory', 'AccountType', 'CashFlowsType', ...ROLLUPS],
    numeric: [],
  },
  GL_SubAccount: {
    primaryKey: ['SegmentNo', 'SubAccountCode'],
    columns: ['SegmentNo', 'SubAccountCode', 'SubAccountDesc', 'SubAccountShortDesc', 'PrintFinancialStmts', 'DateStart', 'DateEnd', 'Status', ...AUDIT],
    numeric: [],
  },
  GL_Account: {
    primaryKey: ['AccountKey'],
    columns: ['AccountKey', 'Account', 'RawAccount', 'MainAccountCode', 'AccountDesc', 'Status', 'AccountType', 'AccountGroup', 'AccountCategory', 'ClearBalance', 'CashFlowsType', ...ROLLUPS, 'DateStart', 'DateEnd'],
    numeric: [],
  },
};

export interface ObjectSpec {
  table: Exclude<TableName, 'GL_AccountStructure'>;
  /** The fields a write names in `key`, in the order SetKeyValue is called. */
  key: readonly string[];
  /** Default task for SetProgram(LookupTask(task)); crgolden uses "GL_Account_ui" (erps.md §2.2); the others follow the pattern (assumed). */
  task: string;
  module: string;
}

/** GL_Account_bus is keyed by the formatted `Account` (erps.md §8 D.1: KACCOUNT is unique; AccountKey is internal). */
export const OBJECTS: Record<ObjectName, ObjectSpec> = {
  GL_SubAccount_bus: { table: 'GL_SubAccount', key: ['SegmentNo', 'SubAccountCode'], task: 'GL_SubAccount_ui', module: 'G/L' },
  GL_Account_bus: { table: 'GL_Account', key: ['Account'], task: 'GL_Account_ui', module: 'G/L' },
  GL_MainAccount_bus: { table: 'GL_MainAccount', key: ['SegmentNo', 'MainAccountCode'], task: 'GL_MainAccount_ui', module: 'G/L' },
};

/** A user-defined field added with Custom Office; Sage prefixes its name with `UDF_` (4acc.com "User defined fields in Sage 100"). */
export interface UdfSpec {
  name: string;
  type: 'string' | 'number';
}

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

export function isObjectName(name: string): name is ObjectName {
  return (OBJECT_NAMES as readonly string[]).includes(name);
}

/** The table's columns plus the UDFs configured for it. */
export function columnsOf(table: TableName, udfs: readonly UdfSpec[]): { columns: string[]; numeric: Set<string> } {
  const spec = TABLES[table];
  return {
    columns: [...spec.columns, ...udfs.map((u) => u.name)],
    numeric: new Set([...spec.numeric, ...udfs.filter((u) => u.type === 'number').map((u) => u.name)]),
  };
}

/** Task per object: the config's override, else the default. */
export function taskNames(overrides: Partial<Record<ObjectName, string>>): Record<ObjectName, string> {
  return Object.fromEntries(OBJECT_NAMES.map((n) => [n, overrides[n] ?? OBJECTS[n].task])) as Record<ObjectName, string>;
}

/** Today on the Sage server's clock as YYYYMMDD (the format SetDate takes, erps.md §2.2). */
export function localYyyymmdd(d = new Date()): string {
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}
