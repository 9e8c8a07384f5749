// The BambooHR side of a dry run: read the changes since the cursor, merge them with the rows
// already stored, compute each employee's state as of the business date, and list what is in
// force, what takes effect today and what is scheduled later. Writes nothing, not even the
// state file (a missing one is not created).
import { existsSync } from 'node:fs';
import { dueBetween, scheduledAfter, type DatedRow, type TableName } from '../domain/dated.js';
import { employeeStateAsOf, type EmployeeState } from '../domain/employee.js';
import { readChanges, type ChangeAction } from '../source/bamboohr/reader.js';
import type { State } from '../store/state.js';
import type { AppContext } from './context.js';

export interface PreviewEntry {
  id: string;
  action: ChangeAction | 'due';
  state: EmployeeState | null;
  dueToday: DatedRow[];
  scheduled: DatedRow[];
}

export interface Preview {
  asOf: string;
  mode: 'incremental' | 'full';
  since: string | null;
  latest: string | null;
  entries: PreviewEntry[];
  notes: string[];
  requests: Record<string, number>;
}

function mergedRows(state: State | undefined, id: string, read: Partial<Record<TableName, DatedRow[]>>): DatedRow[] {
  const stored = state?.rows.rows(id) ?? [];
  const readTables = new Set(Object.keys(read));
  return [...stored.filter((r) => !readTables.has(r.table)), ...Object.values(read).flat()];
}

export async function preview(ctx: AppContext, opts: { full: boolean }): Promise<Preview> {
  const asOf = ctx.clock.today();
  const state = existsSync(ctx.config.state.path) ? ctx.openState(true) : undefined;
  const cursors = state?.cursors.all() ?? [];
  const cursor = cursors.length > 0 ? cursors.map((c) => c.value).sort()[0] : undefined;
  const client = await ctx.bamboo();
  const changes = await readChanges(client, ctx.config.bamboohr, { cursor, full: opts.full, memory: state?.kv });
  const entries: PreviewEntry[] = [];
  const seen = new Set<string>();
  const lastDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  for (const c of changes.employees) {
    seen.add(c.id);
    const stored = state?.rows.employee(c.id);
    const fields = c.fields ?? stored?.fields;
    const rows = mergedRows(state, c.id, c.tables);
    const st = c.action === 'deleted' || !fields ? null : employeeStateAsOf({ id: c.id, fields, rows }, asOf);
    entries.push({ id: c.id, action: c.action, state: st, dueToday: dueBetween(rows, lastDay(asOf), asOf), scheduled: scheduledAfter(rows, asOf) });
  }
  // Due-date sweep: stored rows taking effect since the last sweep, even with no change event.
  const swept = cursors.map((c) => c.sweptThrough).filter((d): d is string => d !== null).sort()[0] ?? lastDay(asOf);
  for (const id of state?.rows.dueBetween(swept, asOf) ?? []) {
    if (seen.has(id)) continue;
    const stored = state!.rows.employee(id);
    if (!stored || stored.deleted) continue;
    const rows = state!.rows.rows(id);
    entries.push({ id, action: 'due', state: employeeStateAsOf({ id, fields: stored.fields, rows }, asOf), dueToday: dueBetween(rows, swept, asOf), scheduled: scheduledAfter(rows, asOf) });
  }
  entries.sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
  return { asOf, mode: changes.mode, since: changes.since, latest: changes.latest, entries, notes: changes.notes, requests: ctx.counter.toJSON() };
}
