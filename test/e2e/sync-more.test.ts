// More engine behaviour through the CLI: webhook hints in the inbox are read and drained,
// lookups pointing at inactive ERP records park before any write, and --as-recorded replays.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/store/state.js';
import { useSandboxes, type TestSandbox } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const sandbox = useSandboxes(tmp, { size: 20, seed: 9 });
const db = (t: TestSandbox) => State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000 });

describe('engine, more', () => {
  it('drains the webhook inbox: hinted employees are read again, entries marked done', async () => {
    const t = await sandbox();
    expect((await t.run(['sync'])).code).toBe(0);
    const e = t.sb.bamboo.company.list()[2]!;
    let s = db(t);
    s.inbox.add(String(e.id), 'employee.updated', new Date().toISOString());
    s.close();
    const { res, out } = await t.json<{ counts: { read: number }; requests: Record<string, number> }>(['sync']);
    expect(res.code).toBe(0);
    expect(out.counts.read).toBeGreaterThanOrEqual(1);
    s = db(t);
    expect(s.inbox.pending(s.inbox.watermark(), ['employees'])).toEqual([]);
    expect(s.db.prepare('SELECT done_at IS NOT NULL AS done FROM inbox').pluck().all()).toEqual([1]);
    s.close();
    const last = t.sb.bamboo.requests.filter((r) => r.path.startsWith('/api/')).at(-1);
    expect(last?.path).toMatch(/^\/api\/(v1\/employees\/\d+|v1\/reports\/custom|v2\/datasets\/employee\/data)$/);
  });

  it('parks records whose lookup points at an inactive ERP record, without sending them', async () => {
    const t = await sandbox();
    const csv = join(t.dir, 'departments.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('"Engineering",101', '"Engineering",199'));
    const res = await t.run(['sync']);
    expect(res.code).toBe(1);
    const engineers = t.sb.bamboo.company.list().filter((e) => t.sb.bamboo.company.view(e).d.status === 'Active' && t.sb.bamboo.company.view(e).d.job?.department === 'Engineering');
    expect(engineers.length).toBeGreaterThan(0);
    for (const e of engineers) expect(t.sb.netsuite.records.employeeByExternalId(`bhr-${e.id}`)).toBeUndefined();
    expect(t.sb.netsuite.requests.filter((r) => r.status === 400)).toHaveLength(0); // nothing was sent to fail
    const s = db(t);
    const parked = s.audit.list({ status: 'parked' });
    expect(parked).toHaveLength(engineers.length);
    expect(parked[0]!.reason).toBe('department: department 199 ("Old Projects (inactive)") is inactive in netsuite (flows.employees.references.department)');
    s.close();
  });

  it('replay --as-recorded re-sends the payload recorded for a failed operation', async () => {
    const t = await sandbox();
    const e = t.sb.bamboo.company.list().find((x) => t.sb.bamboo.company.view(x).d.status === 'Active')!;
    t.sb.netsuite.setFaults({ failNext: [{ status: 500, pathPrefix: `/services/rest/record/v1/employee/eid:bhr-${e.id}` }] });
    expect((await t.run(['sync'])).code).toBe(1);
    const s = db(t);
    const [failed] = s.audit.list({ status: 'failed', employeeId: String(e.id) });
    s.close();
    expect(t.sb.netsuite.records.employeeByExternalId(`bhr-${e.id}`)).toBeUndefined();
    const r = await t.json<{ status: string; counts: { created: number } }>(['replay', String(failed!.id), '--as-recorded']);
    expect(r.res.code).toBe(0);
    expect(r.out.counts.created).toBe(1);
    expect(t.sb.netsuite.records.employeeByExternalId(`bhr-${e.id}`)).toMatchObject({ firstName: expect.any(String), isInactive: false });
    const s2 = db(t);
    const [again] = s2.audit.list({ employeeId: String(e.id), limit: 1 });
    expect(again).toMatchObject({ status: 'applied', replayOf: failed!.id, payloadJson: failed!.payloadJson });
    s2.close();
  });
});
