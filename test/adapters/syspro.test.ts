// The SYSPRO adapter through the port against its simulator over real HTTP: logon and ping,
// reference reads (a work centre without its cost centre is inactive, with the reason), batched
// writes with one outcome per item, idempotent Add/Update either way, the termination modes,
// the custom form fields as a second document, dry-run validation and the self-check.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpOutcome } from '../../src/adapters/types.js';
import { startSysproSim, type SysproSim } from '../../src/sim/syspro/index.js';
import { calls, connect, formOf, op, settings, type Connected } from './syspro-helpers.js';

let sim: SysproSim;
const open: Connected[] = [];
beforeEach(async () => {
  sim = await startSysproSim();
});
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
  await sim.close();
});

async function conn(over: Record<string, unknown> = {}): Promise<Connected & { s: ReturnType<typeof settings> }> {
  const s = settings(sim.restUrl, over);
  const c = await connect(s);
  open.push(c);
  return { ...c, s };
}

const errorOf = (o: OpOutcome | undefined) => (o && !o.ok ? { code: o.error.code, message: o.error.message } : undefined);

describe('SYSPRO adapter: session and reads', () => {
  it('ping logs on, reads the version and, on close, logs off once', async () => {
    const c = await conn();
    expect(await c.session.ping()).toBe('SYSPRO e.net 7.0.0.6: operator MLC logged on to company EDU1');
    expect(sim.stats.activeSessions).toBe(1);
    await c.close();
    open.length = 0;
    expect(sim.stats).toMatchObject({ logons: 1, logoffs: 1, logoffFailures: 0, activeSessions: 0 });
  });

  it('refused credentials are an auth error with a hint (exit 4); no session is left', async () => {
    const s = settings(sim.restUrl);
    const c = await connect(s, { MLC_SYSPRO_OPERATOR_PASSWORD: 'wrong-password' });
    await expect(c.session.ping()).rejects.toMatchObject({ code: 'auth_refused', message: expect.stringContaining('ERROR: Invalid operator password'), hint: expect.stringContaining('operator_password') });
    await c.close();
    const noPassword = connect(s, {});
    await expect(noPassword).rejects.toMatchObject({ code: 'auth_required' });
    expect(sim.stats.logoffs + sim.stats.activeSessions).toBe(0);
  });

  it('reads work centres once per run; one whose cost centre is missing is inactive, saying why', async () => {
    const c = await conn();
    const refs = await c.session.references(['workCentre', 'costCentre']);
    const byId = new Map(refs['workCentre']!.map((r) => [r.id, r]));
    expect(byId.get('ENG1')).toEqual({ id: 'ENG1', name: 'Engineering', active: true });
    expect(byId.get('ORPHAN')).toEqual({ id: 'ORPHAN', name: 'Work centre without a cost centre; its cost centre NOCC does not exist in SYSPRO', active: false });
    expect(refs['costCentre']!.map((r) => r.id)).toContain('INACT');
    await c.session.references(['workCentre']);
    expect(calls(sim)).toEqual(['Query/Query COMFND', 'Query/Query COMFND']);
  });

  it('pages through large tables with COMFND (WHERE key > last, ordered)', async () => {
    await sim.close();
    const employees = Array.from({ length: 2345 }, (_, i) => ({ Employee: `E${String(i).padStart(5, '0')}`, Name: 'N', WorkCentre: 'ENG1' }));
    sim = await startSysproSim({ seed: { costCentres: [{ CostCentre: 'ENG', Description: 'Eng' }], workCentres: [{ WorkCentre: 'ENG1', Description: 'Eng', CostCentre: 'ENG' }], employees, customForms: [] } });
    const c = await conn();
    const [o] = await c.session.applyBatch([op(c.s, { id: '1', options: { termination: 'delete', customForm: false } })]);
    expect(o!.ok).toBe(true);
    // cost centres, work centres, three pages of employees, one Add
    expect(calls(sim)).toEqual([...Array<string>(5).fill('Query/Query COMFND'), 'Setup/Add BOMSEC']);
  });
});

describe('SYSPRO adapter: writes', () => {
  it('writes a batch as one BOMSEC and one COMSFM document; a bad item parks alone with SYSPRO\'s words', async () => {
    const c = await conn();
    const ops = [op(c.s, { id: '1' }), op(c.s, { id: '2', fields: { ShiftId: 'TOO-LONG-FOR-SHIFT' } }), op(c.s, { id: '3', fields: { 'form.Divisn': 'EMEA' } })];
    const out = await c.session.applyBatch(ops);
    expect(out.map((o) => o.ok)).toEqual([true, false, true]);
    expect(out[0]).toEqual({ ok: true, erpKey: 'BHR00001', response: { employee: 'added', customFormFields: 2 } });
    expect(errorOf(out[1])).toEqual({ code: 'record_rejected', message: "labour employee BHR00002: 240011 ShiftId 'TOO-LONG-FOR-SHIFT' exceeds the maximum length of 10 (shiftid)" });
    expect(calls(sim).filter((x) => x.startsWith('Setup'))).toEqual(['Setup/Add BOMSEC', 'Setup/Add COMSFM']);
    expect(sim.employees().map((e) => e.Employee)).toEqual(['BHR00001', 'BHR00003', 'SYS001']);
    expect(formOf(sim, 'BHR00003')).toEqual({ Status: 'Full-Time', HirDat: '2024-02-05', Divisn: 'EMEA' });
  });

  it('is idempotent: a create of a known code is an Update, an Add answered "already exists" becomes an Update', async () => {
    const a = await conn();
    await a.session.applyBatch([op(a.s, { id: '1' })]);
    // Another run (the links lost): the code is known, so Update; no duplicate, no error.
    const b = await conn();
    const again = await b.session.applyBatch([op(b.s, { id: '1', state: { lastName: 'Byron' } })]);
    expect(again[0]).toMatchObject({ ok: true, response: { employee: 'updated' } });
    // A run that read the codes before someone else added the employee: Add, then Update.
    await b.session.applyBatch([op(b.s, { id: '50' })]);
    const late = await conn();
    await late.session.applyBatch([op(late.s, { id: '51' })]);
    sim.requests.length = 0;
    await a.session.applyBatch([op(a.s, { id: '51', state: { firstName: 'Grace' } })]);
    // The other connections logged on as the same operator, which ended a's session: its Add
    // is answered ERROR, sent again on a new session, answered "already exists", then updated.
    expect(calls(sim)).toEqual(['Setup/Add BOMSEC', 'Setup/Add BOMSEC', 'Setup/Update BOMSEC', 'Setup/Update COMSFM']);
    expect(sim.requests[0]!.responseBody).toMatch(/^ERROR: Invalid UserId/);
    expect(sim.employees().filter((e) => e.Employee === 'BHR00051').map((e) => e.Name)).toEqual(['Grace Lovelace']);
  });

  it('an Update of a code SYSPRO no longer holds becomes an Add, custom form fields included', async () => {
    const a = await conn();
    await a.session.applyBatch([op(a.s, { id: '8' })]);
    const other = await conn({});
    await other.session.applyBatch([op(other.s, { id: '8', kind: 'deactivate', options: { termination: 'delete' } })]);
    const out = await a.session.applyBatch([op(a.s, { id: '8', kind: 'update' })]);
    expect(out[0]).toMatchObject({ ok: true, response: { employee: 'added' } });
    expect(formOf(sim, 'BHR00008')['Status']).toBe('Full-Time');
  });

  it('refuses before sending what SYSPRO would refuse: an unknown work centre, one without cost centre, a code too long', async () => {
    const c = await conn({ employeeCode: { pattern: 'EMPLOYEE-{id:12}', maxLength: 20 } });
    const short = await conn();
    const out = await short.session.applyBatch([op(short.s, { id: '1', workCentre: 'NOPE' }), op(short.s, { id: '2', workCentre: 'ORPHAN' })]);
    expect(out.map(errorOf)).toEqual([
      { code: 'record_rejected', message: 'work centre NOPE does not exist in SYSPRO' },
      { code: 'record_rejected', message: 'work centre ORPHAN cannot be used: Work centre without a cost centre; its cost centre NOCC does not exist in SYSPRO' },
    ]);
    const long = await c.session.applyBatch([op(c.s, { id: '3' })]);
    expect(errorOf(long[0])?.message).toBe('employee code EMPLOYEE-000000000003 has 21 characters; the site allows 20 (targets.syspro.employeeCode)');
    expect(calls(sim).some((x) => x.startsWith('Setup'))).toBe(false);
  });

  it('terminations by custom form, by the inactive work centre, and by delete (refused once labour is posted)', async () => {
    const c = await conn();
    await c.session.applyBatch([op(c.s, { id: '1' }), op(c.s, { id: '2' }), op(c.s, { id: '3' })]);
    const term = { status: 'Inactive', terminationDate: '2026-11-20' };
    const out = await c.session.applyBatch([
      op(c.s, { id: '1', kind: 'deactivate', state: term }),
      op(c.s, { id: '2', kind: 'deactivate', state: term, options: { termination: 'inactiveWorkCentre', inactiveWorkCentre: 'INACTIVE' } }),
      op(c.s, { id: '3', kind: 'deactivate', state: term, options: { termination: 'delete' } }),
    ]);
    expect(out.map((o) => o.ok)).toEqual([true, true, true]);
    expect(formOf(sim, 'BHR00001')).toMatchObject({ Status: 'Terminated', TrmDat: '2026-11-20' });
    expect(sim.employees().find((e) => e.Employee === 'BHR00002')?.WorkCentre).toBe('INACTIVE');
    expect(sim.employees().some((e) => e.Employee === 'BHR00003')).toBe(false);
    // A rehire: same code, the termination date cleared.
    const back = await c.session.applyBatch([op(c.s, { id: '1', kind: 'reactivate' }), op(c.s, { id: '3', kind: 'reactivate', options: { termination: 'delete' } })]);
    expect(back.map((o) => o.ok)).toEqual([true, true]);
    expect(formOf(sim, 'BHR00001')).toMatchObject({ Status: 'Full-Time', TrmDat: '' });
    // SYS001 has labour posted: SYSPRO refuses the delete, and the record parks with its words.
    const posted = { ...op(c.s, { id: '1', kind: 'deactivate', options: { termination: 'delete' } }), payload: { item: { Employee: 'SYS001' }, delete: true } };
    expect(errorOf((await c.session.applyBatch([posted]))[0])).toEqual({ code: 'record_rejected', message: "labour employee SYS001: 240030 Employee 'SYS001' has labour transactions posted and cannot be deleted (employee)" });
  });

  it('a custom form field SYSPRO refuses parks the record, saying the labour employee itself was written', async () => {
    const c = await conn();
    const [o] = await c.session.applyBatch([op(c.s, { id: '4', fields: { 'form.Nope': 'x' } })]);
    expect(errorOf(o)).toEqual({ code: 'record_rejected', message: "custom form field Nope of BHR00004 (the labour employee itself was written): 240051 Field 'Nope' is not defined for custom form type 'BEM' (fieldname)" });
    expect(sim.employees().some((e) => e.Employee === 'BHR00004')).toBe(true);
  });

  it('validates without writing for a dry run (ValidateOnly=Y), reporting what SYSPRO would refuse', async () => {
    const c = await conn();
    await c.session.applyBatch([op(c.s, { id: '1' })]);
    const writes = sim.stats.writes;
    sim.requests.length = 0;
    const out = await c.session.validateBatch!([op(c.s, { id: '1', kind: 'update', fields: { 'form.Nope': 'x' } }), op(c.s, { id: '2' }), op(c.s, { id: '3', fields: { ShiftId: 'X'.repeat(11) } })]);
    expect(out.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual(['record_rejected', 'ok', 'record_rejected']);
    expect(sim.stats.writes).toBe(writes);
    expect(sim.employees().some((e) => e.Employee === 'BHR00002')).toBe(false);
    expect(sim.requests.filter((r) => r.path.includes('/Setup/')).every((r) => (r.query['XmlParameters'] ?? '').includes('<ValidateOnly>Y</ValidateOnly>'))).toBe(true);
  });

  it('self-check: licences of the business objects, the inactive work centre, the custom form fields', async () => {
    const c = await conn();
    const flow = (options: Record<string, unknown>, fields: Record<string, string> = {}) => ({ name: 'employees', target: 'syspro', filter: {}, unmapped: 'park' as const, references: {}, fields, names: 'legal' as const, options });
    expect(await c.session.selfCheck!([flow({})])).toEqual([]);
    sim.setLicensedBusinessObjects(['COMFND', 'BOMSEC']);
    const findings = await c.session.selfCheck!([flow({ termination: 'inactiveWorkCentre', inactiveWorkCentre: 'ORPHAN' }, { 'form.Nope': 'division' })]);
    expect(findings.map((f) => `${f.severity} ${f.where}`)).toEqual(['error targets.syspro.customForm.businessObject', 'error flows.employees.options.inactiveWorkCentre', 'error flows.employees.options.customForm']);
    expect(findings[0]!.message).toContain('e.net exception 100000');
    sim.setLicensedBusinessObjects(['COMFND', 'BOMSEC', 'COMSFM']);
    const fields = await c.session.selfCheck!([flow({}, { 'form.Nope': 'division' })]);
    expect(fields.map((f) => f.message)).toEqual([expect.stringContaining("SYSPRO refuses custom form field Nope of form type BEM: 240051 Field 'Nope' is not defined")]);
  });
});
