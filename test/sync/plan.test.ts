// The planner's rules, without I/O: create / update / deactivate / reactivate, unchanged
// records, unmapped values, filters, scheduled changes and the supervisor waves.
import { describe, expect, it } from 'vitest';
import { netsuiteAdapter } from '../../src/adapters/netsuite/index.js';
import type { NetSuiteSettings } from '../../src/adapters/netsuite/config.js';
import type { Adapter, TargetSettings } from '../../src/adapters/types.js';
import { planFor, type FlowPlanner, type PlanItem } from '../../src/app/sync/plan.js';
import { resolveWaits } from '../../src/app/sync/plan-flow.js';
import type { FlowSettings } from '../../src/config/types.js';
import type { DatedRow } from '../../src/domain/dated.js';
import { employeeStateAsOf } from '../../src/domain/employee.js';
import type { Link } from '../../src/store/links.js';

const target: NetSuiteSettings = {
  name: 'netsuite', type: 'netsuite', accountId: '1', baseUrl: 'http://x', clientId: 'c', certificateId: 'k', algorithm: 'PS256',
  scopes: ['rest_webservices'], concurrency: 2, externalIdPrefix: 'bhr-', timeoutMs: 1000, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, budgetMs: 1 },
};
const flow: FlowSettings = {
  name: 'employees', target: 'netsuite', filter: {}, unmapped: 'park', fields: { title: 'jobTitle' }, names: 'legal', options: {},
  references: {
    subsidiary: { kind: 'value', value: '2' },
    department: { kind: 'lookup', from: 'department', table: { source: 'inline', map: new Map([['Sales', '104'], ['Legal', '110']]) } },
  },
};
const planner: FlowPlanner = { flow, target, adapter: netsuiteAdapter as unknown as Adapter<TargetSettings> };
const fields = { firstName: 'Ana', lastName: 'Ruiz', workEmail: 'ana@acme.example', status: 'Active', hireDate: '2020-01-06', department: 'Sales', jobTitle: 'AE', supervisorEId: '7' };
let seq = 0;
const job = (date: string, department: string): DatedRow => ({ table: 'jobInfo', date, seq: seq++, data: { department, jobTitle: 'AE' } });
const status = (date: string, s: string): DatedRow => ({ table: 'employmentStatus', date, seq: seq++, data: { employmentStatus: s } });
const link = (over: Partial<Link> = {}): Link => ({ flow: 'employees', employeeId: '42', erpKey: '1001', payloadHash: 'old', sourceHash: null, erpState: 'active', appliedAt: null, ...over });

function plan(rows: DatedRow[], l: Link | undefined, asOf = '2026-11-23', f: Record<string, string | null> = fields, supervisorKey: string | null = '1007', fp: FlowPlanner = planner): PlanItem[] {
  const state = employeeStateAsOf({ id: '42', fields: f, rows }, asOf);
  const stateOn = (d: string) => employeeStateAsOf({ id: '42', fields: f, rows }, d);
  return planFor(fp, { state, rows, link: l, linkedKey: () => supervisorKey, seenOn: () => asOf, stateOn }, asOf);
}

describe('planner', () => {
  it('creates an active employee not yet in the ERP, with references, fields and supervisor', () => {
    const [op] = plan([job('2020-01-06', 'Sales'), status('2020-01-06', 'Full-Time')], undefined);
    expect(op).toMatchObject({ kind: 'create', status: 'planned', key: 'bhr-42', waitsFor: [] });
    expect(op!.payload).toEqual({
      externalId: 'bhr-42', firstName: 'Ana', lastName: 'Ruiz', email: 'ana@acme.example', hireDate: '2020-01-06', releaseDate: null, isInactive: false,
      subsidiary: { id: '2' }, department: { id: '104' }, supervisor: { id: '1007' }, title: 'AE',
    });
  });

  it('costs nothing when the payload equals the last one written', () => {
    const [first] = plan([job('2020-01-06', 'Sales')], undefined);
    const [again] = plan([job('2020-01-06', 'Sales')], link({ payloadHash: first!.payloadHash }));
    expect([again!.kind, again!.status]).toEqual(['update', 'unchanged']);
  });

  it('deactivates on the termination date, not before, and reactivates the same record on a rehire', () => {
    const rows = [job('2020-01-06', 'Sales'), status('2020-01-06', 'Full-Time'), status('2026-11-30', 'Terminated')];
    const before = plan(rows, link(), '2026-11-29');
    expect(before[0]).toMatchObject({ kind: 'update', status: 'planned' });
    expect(before[1]).toMatchObject({ kind: 'deactivate', status: 'scheduled', effectiveDate: '2026-11-30', reason: 'status: Terminated on 2026-11-30' });
    const [on] = plan(rows, link(), '2026-11-30');
    expect(on).toMatchObject({ kind: 'deactivate', status: 'planned' });
    expect(on!.payload).toMatchObject({ isInactive: true, releaseDate: '2026-11-30' });
    const rehired = plan([...rows, status('2027-02-01', 'Full-Time')], link({ erpState: 'inactive' }), '2027-02-01', { ...fields, hireDate: '2027-02-01' });
    expect(rehired[0]).toMatchObject({ kind: 'reactivate', status: 'planned', erpKey: '1001' });
    expect(rehired[0]!.payload).toMatchObject({ isInactive: false, releaseDate: null, hireDate: '2027-02-01' });
  });

  it('never creates someone terminated before the first sync', () => {
    const [op] = plan([status('2019-01-01', 'Full-Time'), status('2021-05-01', 'Terminated')], undefined);
    expect(op).toMatchObject({ kind: 'none', status: 'skipped', reason: 'terminated before mlc first synced them: never created' });
  });

  it('parks an unmapped department with a clear reason, but still deactivates a linked record', () => {
    const [op] = plan([job('2020-01-06', 'Quantum Research')], undefined);
    expect(op).toMatchObject({ status: 'parked', errorCode: 'unmapped', reason: 'department: no lookup for department "Quantum Research" in flows.employees.references.department' });
    const [term] = plan([job('2020-01-06', 'Quantum Research'), status('2026-01-01', 'Terminated')], link());
    expect(term).toMatchObject({ kind: 'deactivate', status: 'planned' });
    expect(term!.payload).not.toHaveProperty('department');
  });

  it('skips employees outside the filter, and shows future transfers and hires as scheduled', () => {
    const filtered = planFor({ ...planner, flow: { ...flow, filter: { department: ['Legal'] } } }, { state: employeeStateAsOf({ id: '42', fields, rows: [] }, '2026-11-23'), rows: [], link: undefined, linkedKey: () => null, seenOn: () => '2026-11-23' }, '2026-11-23');
    expect(filtered).toEqual([expect.objectContaining({ status: 'skipped', reason: "outside the flow's filter" })]);
    const items = plan([job('2020-01-06', 'Sales'), job('2026-12-01', 'Legal')], link());
    expect(items.map((i) => [i.kind, i.status, i.effectiveDate])).toEqual([['update', 'planned', '2020-01-06'], ['update', 'scheduled', '2026-12-01']]);
    const hire = plan([status('2026-12-14', 'Full-Time')], undefined, '2026-11-23', { ...fields, hireDate: '2026-12-14', status: 'Inactive' });
    expect(hire).toEqual([expect.objectContaining({ kind: 'create', status: 'scheduled', reason: 'hire on 2026-12-14' })]);
  });

  it('flags a back-dated change on an employee already in the ERP, and only rows learned of after the last write', () => {
    const rows = [job('2020-01-06', 'Sales'), { ...job('2026-11-02', 'Legal'), firstSeenAt: '2026-11-23T10:00:00Z' }];
    const state = employeeStateAsOf({ id: '42', fields, rows }, '2026-11-23');
    const seenOn = (r: DatedRow) => (r.firstSeenAt ? '2026-11-23' : '2020-01-06');
    const [op] = planFor(planner, { state, rows, link: link({ appliedAt: '2026-11-20T08:00:00Z' }), linkedKey: () => '1007', seenOn }, '2026-11-23');
    expect(op).toMatchObject({ retro: true, effectiveDate: '2026-11-02' });
    expect(op!.payload).toMatchObject({ department: { id: '110' } });
    // The first day: every row was first seen at the initial load, before the record was written.
    const day0 = rows.map((r) => ({ ...r, firstSeenAt: '2026-11-23T10:00:00Z' }));
    const [first] = planFor(planner, { state: employeeStateAsOf({ id: '42', fields, rows: day0 }, '2026-11-23'), rows: day0, link: link({ appliedAt: '2026-11-23T10:05:00Z' }), linkedKey: () => '1007', seenOn: () => '2026-11-23' }, '2026-11-23');
    expect(first).toMatchObject({ status: 'planned', retro: false });
  });

  it('writes the legal first name unless the flow asks for preferred names', () => {
    const f = { ...fields, preferredName: 'Annie' };
    expect(plan([job('2020-01-06', 'Sales')], undefined, '2026-11-23', f)[0]!.payload).toMatchObject({ firstName: 'Ana' });
    const preferred = { ...planner, flow: { ...flow, names: 'preferred' as const, fields: { title: 'jobTitle', comments: 'preferredName' } } };
    expect(plan([job('2020-01-06', 'Sales')], undefined, '2026-11-23', f, '1007', preferred)[0]!.payload).toMatchObject({ firstName: 'Annie', comments: 'Annie' });
  });

  it('schedules only what the target receives, and never shows an amount', () => {
    const pay = (date: string, rate: string): DatedRow => ({ table: 'compensation', date, seq: seq++, data: { rate, currency: 'GBP' } });
    const items = plan([job('2020-01-06', 'Sales'), pay('2020-01-06', '50.00'), pay('2026-12-30', '57.70'), job('2026-12-01', 'Legal')], link());
    expect(items.filter((i) => i.status === 'scheduled').map((i) => i.reason)).toEqual(['job: Legal / AE on 2026-12-01']);
    expect(JSON.stringify(items)).not.toContain('57.70');
  });

  it('makes a report wait for a supervisor created in the same run, even when its own payload is unchanged', () => {
    const [boss] = plan([job('2020-01-06', 'Sales')], undefined, '2026-11-23', { ...fields, supervisorEId: null }).map((i) => ({ ...i, employeeId: '7' }));
    const [known] = plan([job('2020-01-06', 'Sales')], undefined, '2026-11-23', fields, null);
    const [report] = plan([job('2020-01-06', 'Sales')], link({ payloadHash: known!.payloadHash }), '2026-11-23', fields, null);
    expect(report).toMatchObject({ status: 'unchanged', linked: { supervisor: null } });
    resolveWaits([boss!, report!]);
    expect(report).toMatchObject({ status: 'planned', waitsFor: [{ family: 'employee', sourceKey: '7' }] });
    expect(report!.remap!({ supervisor: '1010' }).payload).toMatchObject({ supervisor: { id: '1010' } });
  });
});
