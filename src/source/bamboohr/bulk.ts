// The bulk read of current employee fields. BambooHR deprecates the custom report in favour of
// datasets (reference §1.1, §2.4), so datasets come first: POST /api/v2/datasets/employee/data,
// at most 1000 rows a request. A key that may not use datasets is refused (403 no permission,
// 404 dataset not accessible, 422 e.g. a filter the dataset does not take — `eeid in (…)` is
// untested against the real API, reference §8.1); with `bulkRead: auto` mlc then reads with the
// custom report and remembers that in the state, so later runs go straight to it.
//
// Paging is by key, not by page number: each full-read page asks for `eeid gt <last eeid>`
// ordered by eeid, so an employee hired or deleted between two pages shifts nothing (offset
// pages would skip or repeat someone). A 413 ("produced too much data") halves the rows per
// request and carries on from the same place: each answer stays self-contained (rows are never
// split across requests, so nothing has to be joined back and the guard sees whole rows); it
// costs the refused request plus the smaller ones, and a 413 for a single employee fails with
// BambooHR's detail (nothing smaller can be asked for).
import { z } from 'zod';
import type { BambooHrSettings } from '../../config/types.js';
import { isMlcError, MlcError } from '../../domain/errors.js';
import type { BambooHrClient } from './client.js';
import { classicRow, datasetFieldsFor, datasetLabel, EEID } from './dataset-fields.js';
import type { FieldGuard } from './guard.js';
import type { Notes } from './map.js';
import type { DatasetResponse } from './schema.js';

/** Most rows one request may ask for (spec: pageSize maximum 1000). */
export const PAGE_MAX = 1000;
export const BULK_MEMORY_KEY = 'bamboohr.bulkRead';

/** Where the chosen mode is remembered: the state's kv store (src/store/kv.ts) fits. */
export interface BulkMemory {
  get(key: string): string | undefined;
  put(key: string, value: string, now: string): void;
}

export type BulkMode = 'datasets' | 'report';
export type BulkRow = Record<string, unknown>;

const Remembered = z.object({ mode: z.enum(['datasets', 'report']), status: z.number().optional(), reason: z.string().optional() });
const REFUSALS = new Set([403, 404, 422]);
const REFUSED = Symbol('refused');

function statusOf(err: unknown): number | undefined {
  const status = isMlcError(err) ? err.details?.status : undefined;
  return typeof status === 'number' ? status : undefined;
}

export function recallMode(memory: BulkMemory | undefined): BulkMode | undefined {
  const raw = memory?.get(BULK_MEMORY_KEY);
  if (raw === undefined) return undefined;
  try {
    const parsed = Remembered.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.mode : undefined;
  } catch {
    return undefined;
  }
}

export class BulkReader {
  private mode: BulkMode;
  private remembered: BulkMode | undefined;
  /** Rows per request; shrinks for the rest of the read after a 413. */
  private limit = PAGE_MAX;

  /** `probe`: try datasets again even if a refusal was remembered (full reads: one request more in many). */
  constructor(
    private readonly client: BambooHrClient,
    private readonly s: BambooHrSettings,
    private readonly guard: FieldGuard,
    private readonly notes: Notes,
    private readonly memory: BulkMemory | undefined,
    probe = false,
  ) {
    this.remembered = recallMode(memory);
    this.mode = s.bulkRead === 'auto' ? (this.remembered === 'report' && !probe ? 'report' : 'datasets') : s.bulkRead;
  }

  /** Every employee the key can see, in pages of at most 1000. */
  async *everyone(classic: readonly string[]): AsyncGenerator<BulkRow[]> {
    let next: Promise<KeysetPage | typeof REFUSED> | undefined = this.mode === 'datasets' ? this.keysetPage(classic, undefined, true) : undefined;
    if (next && (await next) === REFUSED) next = undefined;
    if (!next) {
      const report = await this.client.customReport(classic);
      this.guard.fields(classic, report.fields.map((f) => f.id), report.employees);
      for (let i = 0; i < report.employees.length; i += PAGE_MAX) yield report.employees.slice(i, i + PAGE_MAX);
      return;
    }
    while (next) {
      const page = (await next) as KeysetPage;
      // The next request goes out while this page is handled: two pages held at most.
      next = page.done ? undefined : this.keysetPage(classic, page.last, false);
      next?.catch(() => undefined);
      yield page.rows;
    }
  }

  /** Current fields of the given (numeric) ids, at most 1000 per request, chunk by chunk. */
  async *some(classic: readonly string[], ids: readonly string[]): AsyncGenerator<{ ids: string[]; rows: BulkRow[] }> {
    let at = 0;
    const take = (): { ids: string[]; rows: Promise<BulkRow[]> } | undefined => {
      if (at >= ids.length) return undefined;
      const part = ids.slice(at, (at += this.limit));
      const rows = this.idRows(classic, part);
      rows.catch(() => undefined);
      return { ids: part, rows };
    };
    let next = take();
    while (next) {
      const rows = await next.rows;
      const part = next.ids;
      next = take();
      yield { ids: part, rows };
    }
  }

  private async idRows(classic: readonly string[], ids: string[]): Promise<BulkRow[]> {
    if (this.mode === 'datasets') {
      const rows = await this.datasetIds(classic, ids);
      if (rows !== REFUSED) return rows;
    }
    const report = await this.client.customReport(classic, ids.map(Number));
    this.guard.fields(classic, report.fields.map((f) => f.id), report.employees);
    return report.employees;
  }

  private async datasetIds(classic: readonly string[], ids: string[]): Promise<BulkRow[] | typeof REFUSED> {
    try {
      const res = await this.client.datasetData({ fields: datasetFieldsFor(classic), filter: `${EEID} in (${ids.join(',')})`, page: 1, pageSize: ids.length });
      this.confirmed();
      return this.rows(res, classic);
    } catch (err) {
      if (this.refused(err)) return REFUSED;
      if (statusOf(err) !== 413) throw err;
      if (ids.length === 1) throw tooMuch(err, classic);
      this.shrink(Math.ceil(ids.length / 2), err);
      // Pieces of the current limit, read each time: a further 413 inside shrinks the rest too.
      const rows: BulkRow[] = [];
      for (let at = 0; at < ids.length; ) {
        const piece = ids.slice(at, at + this.limit);
        at += piece.length;
        const got = await this.datasetIds(classic, piece);
        if (got === REFUSED) return REFUSED;
        rows.push(...got);
      }
      return rows;
    }
  }

  private async keysetPage(classic: readonly string[], after: number | undefined, first: boolean): Promise<KeysetPage | typeof REFUSED> {
    const size = this.limit;
    let res: DatasetResponse;
    try {
      res = await this.client.datasetData({
        fields: datasetFieldsFor(classic),
        ...(after === undefined ? {} : { filter: `${EEID} gt ${after}` }),
        orderBy: `${EEID} asc`,
        page: 1,
        pageSize: size,
      });
      this.confirmed();
    } catch (err) {
      if (first && this.refused(err)) return REFUSED;
      if (statusOf(err) !== 413) throw err;
      if (size === 1) throw tooMuch(err, classic);
      this.shrink(Math.ceil(size / 2), err);
      return this.keysetPage(classic, after, first);
    }
    const rows = this.rows(res, classic);
    const last = Math.max(...rows.map((r) => Number(r.id)));
    if (rows.length > 0 && (!Number.isInteger(last) || (after !== undefined && last <= after))) {
      throw new MlcError('bad_response', `BambooHR's dataset page after eeid ${after ?? '(start)'} did not move forward (last eeid ${String(last)}); the eeid filter or ordering was not applied`);
    }
    return { rows, last, done: rows.length < size || (res.meta?.totalPages ?? 2) <= 1 };
  }

  private rows(res: DatasetResponse, classic: readonly string[]): BulkRow[] {
    const rows = res.data.map((r) => {
      if (r.fields[EEID] === undefined || r.fields[EEID] === null) {
        throw new MlcError('bad_response', 'BambooHR answered dataset rows without eeid, the employee id mlc keys everything on', {
          hint: "grant the key's user access to the EEID field, or set bamboohr.bulkRead: report",
        });
      }
      return classicRow(r.fields, classic);
    });
    this.guard.fields(classic, [], rows, datasetLabel);
    return rows;
  }

  /** A refusal in auto mode switches to the report (and says so); otherwise it is the error. */
  private refused(err: unknown): boolean {
    const status = statusOf(err);
    if (status === undefined || !REFUSALS.has(status) || !isMlcError(err)) return false;
    if (this.s.bulkRead === 'datasets') {
      throw new MlcError(err.code, err.message, { details: err.details, cause: err, hint: 'bamboohr.bulkRead is "datasets"; set it to auto (or report) to read with the custom report instead' });
    }
    this.mode = 'report';
    const kept = this.remember({ mode: 'report', status, reason: err.message });
    this.notes.push(`BambooHR refused the dataset read (${err.message}); reading with the custom report instead${kept}`);
    return true;
  }

  /** Datasets answered: a refusal remembered earlier is forgotten (the key has been granted them). */
  private confirmed(): void {
    if (this.remembered !== 'report' || this.s.bulkRead !== 'auto') return;
    const kept = this.remember({ mode: 'datasets' });
    this.notes.push(`BambooHR now answers the dataset read; using it again instead of the custom report${kept}`);
    this.remembered = 'datasets';
  }

  private remember(value: z.infer<typeof Remembered>): string {
    if (!this.memory) return '';
    try {
      this.memory.put(BULK_MEMORY_KEY, JSON.stringify(value), new Date().toISOString());
      return ' (remembered in the state)';
    } catch (err) {
      // A dry run opens the state read-only: the choice is simply made again next time.
      return ` (not remembered: ${(err as Error).message})`;
    }
  }

  private shrink(size: number, err: unknown): void {
    if (size >= this.limit) return;
    this.limit = size;
    this.notes.push(`BambooHR answered 413 for a dataset page (${(err as Error).message}); reading ${size} employees per request for the rest of this read`);
  }
}

interface KeysetPage {
  rows: BulkRow[];
  last: number;
  done: boolean;
}

function tooMuch(err: unknown, classic: readonly string[]): MlcError {
  return new MlcError('http_status', `BambooHR's dataset read answered 413 even for a single employee with ${datasetFieldsFor(classic).length} fields: ${(err as Error).message}`, {
    details: isMlcError(err) ? err.details : undefined,
    cause: err,
    hint: 'read fewer extra fields (bamboohr.fields), or set bamboohr.bulkRead: report',
  });
}
