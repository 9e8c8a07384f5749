// The audit and owed stores remember that a flow has no open row / owes nothing, so an
// initial load skips a statement per record (issue 9 §3). What they remember must never be
// stale: a row opened later, or a rolled-back transaction, makes them look again.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditInsert } from '../../src/store/audit.js';
import { State } from '../../src/store/state.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const AT = '2026-11-23T00:00:00Z';

function fresh(): State {
  const s = State.open(join(tmp(), 'mlc.db'), { busyTimeoutMs: 2000 });
  s.runs.start({ id: 'r1', command: 'sync', startedAt: AT, asOf: '2026-11-23', dryRun: false });
  return s;
}

const row = (employeeId: string, status: AuditInsert['status']): AuditInsert => ({ runId: 'r1', flow: 'people', employeeId, label: null, kind: 'create', status, createdAt: AT });
const openIds = (s: State) => s.audit.list({ status: 'open', flow: 'people' }).map((r) => r.id);
const owedKeys = (s: State) => s.owed.all('people').map((o) => o.sourceKey);

describe('what the stores know is absent', () => {
  it('an open row made after resolveOthers() found none is still resolved by the next outcome', () => {
    const s = fresh();
    s.audit.resolveOthers('people', '1', s.audit.insert(row('1', 'applied')));
    const parked = s.audit.insert(row('2', 'parked'));
    const planned = s.audit.insert(row('3', 'planned'));
    s.audit.finish(planned, { status: 'failed', attempts: 1, startedAt: AT, finishedAt: AT, errorCode: 'record_failed', reason: 'no' });
    expect(openIds(s)).toEqual([planned, parked]);
    s.audit.resolveOthers('people', '2', s.audit.insert(row('2', 'applied')));
    s.audit.resolveOthers('people', '3', s.audit.insert(row('3', 'applied')));
    expect(openIds(s)).toEqual([]);
    s.close();
  });

  it('a rolled-back transaction that closed the last open row leaves it open, and the next outcome closes it', () => {
    const s = fresh();
    const parked = s.audit.insert(row('1', 'parked'));
    expect(() =>
      s.transaction(() => {
        s.audit.resolveOthers('people', '1', s.audit.insert(row('1', 'applied')));
        // No open row is left inside the transaction: this is what the store would remember.
        s.audit.resolveOthers('people', '9', s.audit.insert(row('9', 'applied')));
        throw new Error('dies before the commit');
      }),
    ).toThrow(/dies before the commit/);
    expect(openIds(s)).toEqual([parked]);
    s.audit.resolveOthers('people', '1', s.audit.insert(row('1', 'applied')));
    expect(openIds(s)).toEqual([]);
    s.close();
  });

  it('an owed link made after pay() found nothing owed is paid, also after a rollback', () => {
    const s = fresh();
    const owe = (key: string) => s.owed.owe({ flow: 'people', family: 'employee', sourceKey: key, slot: 'supervisor', on: { family: 'employee', sourceKey: '100' }, sinceRun: 'r1', sinceAt: AT });
    s.owed.pay('people', 'employee', '1');
    owe('2');
    expect(owedKeys(s)).toEqual(['2']);
    expect(() =>
      s.transaction(() => {
        s.owed.pay('people', 'employee', '2');
        s.owed.pay('people', 'employee', '3');
        throw new Error('dies before the commit');
      }),
    ).toThrow(/dies before the commit/);
    expect(owedKeys(s)).toEqual(['2']);
    s.owed.pay('people', 'employee', '2');
    expect(owedKeys(s)).toEqual([]);
    s.close();
  });
});
