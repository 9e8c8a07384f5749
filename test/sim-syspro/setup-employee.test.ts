// BOMSEC (SetupBomEmployee) through Setup/Add, Update and Delete: several items per
// document, one outcome each, errors inline, XmlParameters (erps.md §1.4, §8 C.1, C.3).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SysproSim, SysproSimOptions } from '../../src/sim/syspro/index.js';
import { addEmployees, call, employee, item, itemError, logon, params, setup, setupAnswer, startSim } from './helpers.js';

let sim: SysproSim;
let id: string;

async function begin(opts: SysproSimOptions = {}): Promise<void> {
  sim = await startSim(opts);
  id = await logon(sim);
}
afterEach(() => sim.close());

const ROOT = 'setupbomemployee';
const update = (items: string[], parameters?: Record<string, string>) =>
  setup(sim, id, { method: 'Update', bo: 'BOMSEC', root: 'SetupBomEmployee', items, ...(parameters ? { parameters } : {}) });
const remove = (codes: string[]) => setup(sim, id, { method: 'Delete', bo: 'BOMSEC', root: 'SetupBomEmployee', items: codes.map((c) => item({ Employee: c })) });
const codes = (): string[] => sim.employees().map((e) => e.Employee);

describe('Setup/Add', () => {
  beforeEach(() => begin());

  it('answers like the recording: lower-cased root, item and key, StatusOfItems', async () => {
    const res = await addEmployees(sim, id, [employee('E1')]);
    expect(res.text).toBe(
      '<?xml version="1.0" encoding="Windows-1252"?>\n' +
        "<setupbomemployee Language='05' Language2='EN' CssStyle='' DecFormat='1' DateFormat='01' Role='01' Version='7.0.008' OperatorPrimaryRole='   '>\n" +
        '<item>\n<key>\n<employee>E1</employee>\n</key>\n</item>\n<StatusOfItems>\n<RecordsRead>1</RecordsRead>\n<RecordsInvalid>0</RecordsInvalid>\n</StatusOfItems>\n</setupbomemployee>\n ',
    );
    expect(sim.employees().find((e) => e.Employee === 'E1')).toMatchObject({ Name: 'Ada Lovelace', WorkCentre: 'ENG1', StdHrsPerMonth: 0, Rates1: 0, labourPosted: false });
  });

  it('stores the sample elements: StdHrsPerMonth, EmployeeActCost, ShiftId, Rates1..9', async () => {
    await addEmployees(sim, id, [employee('E2', { StdHrsPerMonth: '160', EmployeeActCost: '31.25', ShiftId: 'DAY', Rates1: '10', Rates9: '90', StdHrsPerMonthX: 'ignored' })]);
    expect(sim.employees().find((e) => e.Employee === 'E2')).toMatchObject({ StdHrsPerMonth: 160, EmployeeActCost: 31.25, ShiftId: 'DAY', Rates1: 10, Rates9: 90 });
  });

  it('gives one outcome per item: unknown work centre, duplicate key, field too long, bad number', async () => {
    const res = await addEmployees(sim, id, [
      employee('OK1'),
      employee('BAD1', { WorkCentre: 'NOWHERE' }),
      employee('SYS001'),
      employee('X'.repeat(21)),
      employee('BAD2', { Rates3: 'ten' }),
      employee('OK2', { WorkCentre: 'SAL2' }),
    ]);
    const answer = setupAnswer(res.text, ROOT);
    expect(answer).toMatchObject({ read: 6, invalid: 4 });
    expect(answer.items.map(itemError)).toEqual([
      undefined,
      { field: 'workcentre', value: 'NOWHERE', number: 240021, description: "Work centre 'NOWHERE' not found" },
      { field: 'employee', value: 'SYS001', number: 240020, description: "Employee 'SYS001' already exists" },
      { field: 'employee', value: 'X'.repeat(21), number: 240011, description: `Employee '${'X'.repeat(21)}' exceeds the maximum length of 20` },
      { field: 'rates3', value: 'ten', number: 240012, description: "Invalid numeric value 'ten' for Rates3" },
      undefined,
    ]);
    expect(answer.items.map((i) => (i['key'] as Record<string, string>)['employee'])).toEqual(['OK1', 'BAD1', 'SYS001', 'X'.repeat(21), 'BAD2', 'OK2']);
    expect(codes()).toEqual(['OK1', 'OK2', 'SYS001']);
    expect(sim.stats).toMatchObject({ setupDocuments: 1, itemsRead: 6, itemsInvalid: 4, writes: 2 });
  });

  it('reports a duplicate inside one document as already existing', async () => {
    const answer = setupAnswer((await addEmployees(sim, id, [employee('D1'), employee('D1')])).text, ROOT);
    expect(answer.items.map((i) => itemError(i)?.number)).toEqual([undefined, 240020]);
  });

  it('ValidateOnly=Y reports the same errors and changes nothing', async () => {
    const items = [employee('V1'), employee('V1'), employee('V2', { WorkCentre: 'NOWHERE' })];
    const checked = await addEmployees(sim, id, items, { ValidateOnly: 'Y' });
    expect(codes()).toEqual(['SYS001']);
    expect(sim.stats.writes).toBe(0);
    const applied = await addEmployees(sim, id, items, { ValidateOnly: 'N' });
    expect(checked.text).toBe(applied.text);
    expect(codes()).toEqual(['SYS001', 'V1']);
  });

  it('ApplyIfEntireDocumentValid=Y applies nothing when an item is invalid, everything when none is', async () => {
    const mixed = await addEmployees(sim, id, [employee('A1'), employee('A2', { WorkCentre: 'NOWHERE' })], { ApplyIfEntireDocumentValid: 'Y' });
    expect(setupAnswer(mixed.text, ROOT)).toMatchObject({ read: 2, invalid: 1 });
    expect(codes()).toEqual(['SYS001']);
    await addEmployees(sim, id, [employee('A1'), employee('A2')], { ApplyIfEntireDocumentValid: 'Y' });
    expect(codes()).toEqual(['A1', 'A2', 'SYS001']);
  });

  it('a work centre whose cost centre is missing is a warning: refused unless IgnoreWarnings=Y', async () => {
    const refused = await addEmployees(sim, id, [employee('W1', { WorkCentre: 'ORPHAN' })], { IgnoreWarnings: 'N' });
    expect(itemError(setupAnswer(refused.text, ROOT).items[0] ?? {})).toMatchObject({ number: 240040, description: "Cost centre 'NOCC' of work centre 'ORPHAN' not found" });
    expect(codes()).toEqual(['SYS001']);
    const taken = await addEmployees(sim, id, [employee('W1', { WorkCentre: 'ORPHAN' })], { IgnoreWarnings: 'Y' });
    expect(setupAnswer(taken.text, ROOT).invalid).toBe(0);
    expect(codes()).toEqual(['SYS001', 'W1']);
  });

  it('answers malformed XML, a wrong root or missing key with ERROR text or an item error', async () => {
    const broken = await call(sim, '/Setup/Add', { UserId: id, BusinessObject: 'BOMSEC', XmlParameters: params('SetupBomEmployee'), XmlIn: '<SetupBomEmployee><Item></SetupBomEmployee>' });
    expect(broken.status).toBe(200);
    expect(broken.text).toMatch(/^ERROR: XmlIn is not well-formed/);
    const badParams = await call(sim, '/Setup/Add', { UserId: id, BusinessObject: 'BOMSEC', XmlParameters: '<SetupBomEmployee><Parameters>', XmlIn: '<SetupBomEmployee/>' });
    expect(badParams.text).toMatch(/^ERROR: XmlParameters is not well-formed/);
    const wrongRoot = await call(sim, '/Setup/Add', { UserId: id, BusinessObject: 'BOMSEC', XmlIn: '<SetupBomCostCentre><Item/></SetupBomCostCentre>' });
    expect(wrongRoot.text).toBe("ERROR: XmlIn root element 'SetupBomCostCentre' is not valid for business object BOMSEC (expected SetupBomEmployee)");
    expect(setupAnswer((await addEmployees(sim, id, [])).text, ROOT)).toEqual({ items: [], read: 0, invalid: 0 });
    const noKey = await addEmployees(sim, id, ['<Item><Name>Nobody</Name><WorkCentre>ENG1</WorkCentre></Item>']);
    expect(itemError(setupAnswer(noKey.text, ROOT).items[0] ?? {})).toMatchObject({ field: 'employee', number: 240010, description: 'Employee must be supplied' });
  });
});

describe('Setup/Update and Setup/Delete', () => {
  beforeEach(() => begin());

  it('Update changes the given elements, keeps absent and empty ones, refuses a missing key', async () => {
    await addEmployees(sim, id, [employee('U1', { Rates1: '10', ShiftId: 'DAY' })]);
    const res = await update([item({ Employee: 'U1' }, { WorkCentre: 'SAL1', ShiftId: '' }), item({ Employee: 'NOPE' }, { Name: 'x' })]);
    const answer = setupAnswer(res.text, ROOT);
    expect(answer.items.map(itemError)).toEqual([undefined, { field: 'employee', value: 'NOPE', number: 240021, description: "Employee 'NOPE' not found" }]);
    expect(sim.employees().find((e) => e.Employee === 'U1')).toMatchObject({ Name: 'Ada Lovelace', WorkCentre: 'SAL1', ShiftId: 'DAY', Rates1: 10 });
    const moved = await update([item({ Employee: 'U1' }, { WorkCentre: 'NOWHERE' })]);
    expect(itemError(setupAnswer(moved.text, ROOT).items[0] ?? {})?.number).toBe(240021);
    expect(sim.employees().find((e) => e.Employee === 'U1')?.WorkCentre).toBe('SAL1');
  });

  it('Delete removes an employee, refuses one with labour posted, and a missing one', async () => {
    await addEmployees(sim, id, [employee('R1'), employee('R2')]);
    sim.setLabourPosted('R2', true);
    const answer = setupAnswer((await remove(['R1', 'R2', 'SYS001', 'NOPE'])).text, ROOT);
    expect(answer).toMatchObject({ read: 4, invalid: 3 });
    expect(answer.items.map((i) => itemError(i)?.description)).toEqual([
      undefined,
      "Employee 'R2' has labour transactions posted and cannot be deleted",
      "Employee 'SYS001' has labour transactions posted and cannot be deleted",
      "Employee 'NOPE' not found",
    ]);
    expect(codes()).toEqual(['R2', 'SYS001']);
    sim.setLabourPosted('R2', false);
    expect(setupAnswer((await remove(['R2'])).text, ROOT).invalid).toBe(0);
    expect(codes()).toEqual(['SYS001']);
  });
});

describe('site settings', () => {
  it('takes the employee code length from the options', async () => {
    await begin({ employeeCodeMaxLength: 6 });
    const answer = setupAnswer((await addEmployees(sim, id, [employee('123456'), employee('1234567')])).text, ROOT);
    expect(answer.items.map((i) => itemError(i)?.number)).toEqual([undefined, 240011]);
  });

  it('has no payroll employee element by default; stores it when the schema has one', async () => {
    await begin();
    await addEmployees(sim, id, [employee('P1', { PayrollEmployee: '000123' })]);
    expect(sim.employees().find((e) => e.Employee === 'P1')).not.toHaveProperty('PayrollEmployee');
    await sim.close();
    await begin({ payrollEmployeeElement: 'PayrollEmployee' });
    await addEmployees(sim, id, [employee('P1', { PayrollEmployee: '000123' })]);
    expect(sim.employees().find((e) => e.Employee === 'P1')).toMatchObject({ PayrollEmployee: '000123' });
  });

  it('can refuse elements the business object does not know', async () => {
    await begin({ unknownElements: 'reject' });
    const answer = setupAnswer((await addEmployees(sim, id, [employee('K1', { WorkCenter: 'ENG1' })])).text, ROOT);
    expect(itemError(answer.items[0] ?? {})).toMatchObject({ field: 'workcenter', number: 240015 });
  });
});
