// What waits for a person (pure): the flow's open (parked or failed, unresolved) audit rows,
// grouped by reason, longest-waiting group first, each record with the command that replays it.
import type { AuditRow } from '../../store/audit.js';
import type { WaitingGroup, WaitingRecord } from './model.js';
import type { People } from './people.js';

/** `npx mlc replay <id>`, plus the --config the report was made with when it is not the default. */
export type ReplayCommand = (id: string | number) => string;

function nameOf(row: AuditRow, people: People, names: boolean): string | null {
  // Org values and postings are not people: their label (a department name) is always shown.
  if (row.family !== 'employee') return row.label;
  if (!names) return null;
  return people.nameOf(row.employeeId) ?? row.label;
}

export function waitingGroups(rows: readonly AuditRow[], people: People, names: boolean, replay: ReplayCommand): WaitingGroup[] {
  const groups = new Map<string, WaitingGroup>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    if (row.status !== 'parked' && row.status !== 'failed') continue;
    const reason = row.reason ?? row.errorCode ?? 'no reason recorded';
    const key = `${row.status}\u0000${row.errorCode ?? ''}\u0000${reason}`;
    const g = groups.get(key) ?? groups.set(key, { status: row.status, errorCode: row.errorCode, reason, oldest: row.createdAt, records: [] }).get(key)!;
    const rec: WaitingRecord = {
      auditId: row.id, runId: row.runId, family: row.family, sourceKey: row.employeeId, name: nameOf(row, people, names), kind: row.kind,
      since: row.createdAt, attempts: row.attempts, replay: replay(row.id),
    };
    g.records.push(rec);
    if (row.createdAt < g.oldest) g.oldest = row.createdAt;
  }
  return [...groups.values()].sort((a, b) => (a.oldest < b.oldest ? -1 : a.oldest > b.oldest ? 1 : b.records.length - a.records.length));
}
