// What the reader hands the engine: one entry per employee that changed (or is listed by a full
// read), with its current fields and every row of each table read for it.
import type { DatedRow, TableName } from '../../domain/dated.js';
import type { Notes } from './map.js';

/**
 * `refreshed`: not in the feed, read again because a dated row of theirs takes effect.
 * `missing`: listed as changed but absent from the answer (not visible to the key, or a 404):
 * never taken as a deletion (only the feed's Deleted action, or a confirmed absence in a full
 * read, is one), an open failure instead (issue 8 §2).
 */
export type ChangeAction = 'inserted' | 'updated' | 'deleted' | 'listed' | 'refreshed' | 'missing';

export interface EmployeeChange {
  id: string;
  action: ChangeAction;
  lastChanged: string | null;
  /** Current fields; absent for a deleted employee. */
  fields?: Record<string, string | null>;
  /** Every row of each table read for this employee (a set: rows absent here are gone). */
  tables: Partial<Record<TableName, DatedRow[]>>;
  /**
   * Only some tables' rows, ahead of the rest (a full read streams one all-rows table at a
   * time): stored, but not a change of its own (the employee's entry comes with its fields).
   */
  tablesOnly?: true;
}

export interface ChangeSet {
  mode: 'incremental' | 'full';
  since: string | null;
  latest: string | null;
  employees: EmployeeChange[];
  notes: Notes;
}

/**
 * The same read, page by page: `pages` yields the employees in chunks of at most 1000, so a
 * caller can plan and apply in bounded memory. `notes` grows while the pages are read. The
 * silent-drop guard's verdict (fields_missing) is thrown by the iterator: before the first
 * chunk (it has seen the tables and the first bulk page by then) and after the last.
 */
export interface ChangeStream {
  mode: ChangeSet['mode'];
  since: string | null;
  latest: string | null;
  notes: Notes;
  /** Employees the changed feed listed (a full read lists everyone): how big the read will be. */
  listed: number;
  pages: AsyncIterable<EmployeeChange[]>;
}
