// The read queries mlc report added to the stores: runs in a window, the latest (good) run
// that covered a flow, and a run's ERP operation timings.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { State } from '../../src/store/state.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const opened: State[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

function state(): State {
  const s = State.open(join(tmp(), 'mlc.db'), { busyTimeoutMs: 2000 });
  opened.push(s);
  return s;
}

function addRun(s: State, id: string, startedAt: string, status: 'ok' | 'partial' | 'failed', flows: string[] | null): void {
  s.runs.start({ id, command: 'sync', startedAt, asOf: startedAt.slice(0, 10), dryRun: false });
  s.runs.finish(id, { finishedAt: startedAt.replace(':00Z', ':30Z'), status, ...(flows ? { summary: { flows, counts: {} } } : { errorCode: 'erp_unreachable', errorMessage: 'down' }) });
}

describe('report queries', () => {
  it('runs started since a date, oldest first', () => {
    const s = state();
    addRun(s, 'b', '2026-11-02T10:00:00Z', 'ok', ['employees']);
    addRun(s, 'a', '2026-11-01T10:00:00Z', 'ok', ['employees']);
    addRun(s, 'c', '2026-11-03T10:00:00Z', 'ok', ['employees']);
    expect(s.runs.startedSince('2026-11-02T00:00:00Z').map((r) => r.id)).toEqual(['b', 'c']);
    expect(s.runs.startedSince('2026-12-01T00:00:00Z')).toEqual([]);
  });

  it("the latest (good) run of a flow by its summary's flows; a run without a summary counts for every flow", () => {
    const s = state();
    addRun(s, 'r1', '2026-11-01T10:00:00Z', 'ok', ['employees', 'contractors']);
    addRun(s, 'r2', '2026-11-02T10:00:00Z', 'partial', ['employees']);
    addRun(s, 'r3', '2026-11-03T10:00:00Z', 'ok', ['contractors']);
    expect(s.runs.latestFor('employees', { ok: true })?.id).toBe('r1');
    expect(s.runs.latestFor('employees', { ok: false })?.id).toBe('r2');
    expect(s.runs.latestFor('contractors', { ok: true })?.id).toBe('r3');
    addRun(s, 'r4', '2026-11-04T10:00:00Z', 'failed', null);
    expect(s.runs.latestFor('employees', { ok: false })?.id).toBe('r4');
    expect(s.runs.latestFor('contractors', { ok: false })?.id).toBe('r4');
    expect(s.runs.latestFor('employees', { ok: true })?.id).toBe('r1');
    expect(s.runs.latestFor('nobody', { ok: true })).toBeUndefined();
  });

  it("a run's ERP operation timings: only operations with an outcome", () => {
    const s = state();
    addRun(s, 'r1', '2026-11-01T10:00:00Z', 'ok', ['employees']);
    const op = (ms: number) => {
      const id = s.audit.insert({ runId: 'r1', flow: 'employees', employeeId: String(ms), label: null, kind: 'update', status: 'planned', createdAt: '2026-11-01T10:00:00Z' });
      s.audit.finish(id, { status: 'applied', attempts: 1, startedAt: '2026-11-01T10:00:00.000Z', finishedAt: new Date(Date.parse('2026-11-01T10:00:00Z') + ms).toISOString() });
    };
    op(40);
    op(120);
    s.audit.insert({ runId: 'r1', flow: 'employees', employeeId: '9', label: null, kind: 'update', status: 'parked', createdAt: '2026-11-01T10:00:00Z' });
    expect(s.audit.writeTimings('r1')).toEqual({ writes: 2, totalMs: 160, maxMs: 120 });
    expect(s.audit.writeTimings('none')).toEqual({ writes: 0, totalMs: 0, maxMs: 0 });
  });
});
