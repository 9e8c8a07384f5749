// The BOI port: the part of Sage 100's Business Object Interface the agent uses, mirrored
// method for method so the COM implementation stays a thin translation and the in-memory one
// can be checked against the same contract (erps.md §2.2, §8 D.1). Return codes are BOI's:
// SetKey 2 = new record, 1 = existing, 0 = failure; SetValue 1 = ok, -1 = ok with a warning,
// 0 = failure; the other calls 1 = ok, 0 = failure. Failures leave their text in LastErrorMsg.
// Field names carry no ProvideX type suffix: the COM side adds `$` for string columns.
// Calls are synchronous, as COM automation is; the agent serialises them (one session).
import type { AccountStructure } from './structure.js';

export type FieldValue = string | number;
export type Row = Record<string, FieldValue>;

export const SET_KEY_NEW = 2;
export const SET_KEY_EXISTING = 1;
export const BOI_OK = 1;
export const BOI_WARNING = -1;
export const BOI_FAIL = 0;

/** One business object instance (`NewObject("GL_SubAccount_bus", oSS)`). */
export interface BoiObject {
  readonly name: string;
  setKeyValue(field: string, value: FieldValue): number;
  setKey(): number;
  setValue(field: string, value: FieldValue): number;
  getValue(field: string): FieldValue | undefined;
  write(): number;
  /** Discards the record in the buffer (and its edit lock) without writing. */
  clear(): number;
  lastErrorMsg(): string;
  dropObject(): void;
}

/** SY_Session plus the reads the agent needs (browsing a table in key order). */
export interface BoiSession {
  readonly implementation: 'com' | 'memory';
  setUser(user: string, password: string): number;
  setCompany(company: string): number;
  setDate(module: string, yyyymmdd: string): number;
  setModule(module: string): number;
  lookupTask(task: string): number;
  setProgram(taskId: number): number;
  /** Throws when the object cannot be created (unknown name, no licence, no rights). */
  newObject(name: string): BoiObject;
  lastErrorMsg(): string;
  /** Rows of a table in the BOI's browse order; `visit` returns false to stop early. */
  scan(table: string, visit: (row: Row) => boolean): void;
  /** Where the account structure comes from: the memory company, or the agent's config (NOT FOUND layout, erps.md §8 D.3). */
  accountStructure(): AccountStructure;
  close(): void;
}

/** Thrown by an implementation when the BOI itself is unusable (COM exception, missing binding). */
export class BoiUnavailableError extends Error {
  override readonly name = 'BoiUnavailableError';
}
