// BOMSCC cost centres, BOMSWC work centres and COMSFM custom form fields (erps.md §1.4,
// §8 C.1): the same Setup machinery, each with its own rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPLOYEE_FORM_TYPE, type SysproSim } from '../../src/sim/syspro/index.js';
import { addEmployees, control, employee, item, itemError, logon, setup, setupAnswer, startSim, type SetupCall } from './helpers.js';

let sim: SysproSim;
let id: string;

beforeAll(async () => {
  sim = await startSim();
  id = await logon(sim);
  await addEmployees(sim, id, [employee('F1'), employee('F2')]);
});
afterAll(() => sim.close());

type Method = SetupCall['method'];
const centre = (bo: 'BOMSCC' | 'BOMSWC') => (method: Method, items: string[]) =>
  setup(sim, id, { method, bo, root: bo === 'BOMSCC' ? 'SetupBomCostCentre' : 'SetupBomWorkCentre', items });
const costCentres = centre('BOMSCC');
const workCentres = centre('BOMSWC');
const form = (method: Method, items: string[], parameters?: Record<string, string>) =>
  setup(sim, id, { method, bo: 'COMSFM', root: 'SetupCustomForm', items, ...(parameters ? { parameters } : {}) });
const value = (keyField: string, fieldName: string, fields: Record<string, string> = {}) => item({ FormType: EMPLOYEE_FORM_TYPE, KeyField: keyField, FieldName: fieldName }, fields);
const errors = (text: string, root: string) => setupAnswer(text, root).items.map((i) => itemError(i)?.description);

describe('BOMSCC and BOMSWC', () => {
  it('adds a cost centre, then a work centre under it; refuses a work centre under a missing cost centre', async () => {
    const cc = await costCentres('Add', [item({ CostCentre: 'SUP' }, { Description: 'Support', SubcontractFlag: 'N', OvertimeCapPct: '20', SetUpRate1: '20' })]);
    expect(cc.text).toContain('<setupbomcostcentre ');
    expect(cc.text).toContain('<key>\n<costcentre>SUP</costcentre>\n</key>');
    const wc = await workCentres('Add', [item({ WorkCentre: 'SUP1' }, { Description: 'Support desk', CostCentre: 'SUP' }), item({ WorkCentre: 'SUP2' }, { Description: 'x', CostCentre: 'NOCC' })]);
    expect(errors(wc.text, 'setupbomworkcentre')).toEqual([undefined, "Cost centre 'NOCC' not found"]);
    expect(sim.costCentres().find((c) => c.CostCentre === 'SUP')).toMatchObject({ Description: 'Support', SubcontractFlag: 'N', OvertimeCapPct: 20, SetUpRate1: 20 });
    expect(sim.workCentres().find((w) => w.WorkCentre === 'SUP1')).toMatchObject({ Description: 'Support desk', CostCentre: 'SUP' });
    expect(sim.workCentres().some((w) => w.WorkCentre === 'SUP2')).toBe(false);
  });

  it('checks flags, renames by Update and refuses to delete what is still in use', async () => {
    expect(errors((await costCentres('Add', [item({ CostCentre: 'BAD' }, { Description: 'x', SubcontractFlag: 'maybe' })])).text, 'setupbomcostcentre')).toEqual([
      "Invalid value 'maybe' for SubcontractFlag (expected Y or N)",
    ]);
    await costCentres('Update', [item({ CostCentre: 'SUP' }, { Description: 'Customer Support' })]);
    expect(sim.costCentres().find((c) => c.CostCentre === 'SUP')?.Description).toBe('Customer Support');
    await addEmployees(sim, id, [employee('S1', { WorkCentre: 'SUP1' })]);
    expect(errors((await costCentres('Delete', [item({ CostCentre: 'SUP' })])).text, 'setupbomcostcentre')).toEqual([
      "Cost centre 'SUP' is in use by work centre 'SUP1' and cannot be deleted",
    ]);
    expect(errors((await workCentres('Delete', [item({ WorkCentre: 'SUP1' })])).text, 'setupbomworkcentre')).toEqual([
      "Work centre 'SUP1' is in use by employee 'S1' and cannot be deleted",
    ]);
    await setup(sim, id, { method: 'Delete', bo: 'BOMSEC', root: 'SetupBomEmployee', items: [item({ Employee: 'S1' })] });
    await workCentres('Delete', [item({ WorkCentre: 'SUP1' })]);
    expect(errors((await costCentres('Delete', [item({ CostCentre: 'SUP' })])).text, 'setupbomcostcentre')).toEqual([undefined]);
    expect(sim.costCentres().some((c) => c.CostCentre === 'SUP')).toBe(false);
  });
});

describe('COMSFM custom form fields on the employee', () => {
  it('sets an alpha and a date value for an employee, echoing the recorded lower-cased key', async () => {
    const res = await form('Add', [value('F1', 'Status', { AlphaValue: 'Terminated' }), value('F1', 'TrmDat', { DateValue: '2026-03-31' })]);
    expect(res.text).toContain('<setupcustomform ');
    expect(res.text).toContain(`<key>\n<formtype>${EMPLOYEE_FORM_TYPE}</formtype>\n<keyfield>F1</keyfield>\n<fieldname>Status</fieldname>\n</key>`);
    expect(setupAnswer(res.text, 'setupcustomform')).toMatchObject({ read: 2, invalid: 0 });
    expect(sim.customFormValues()).toEqual([
      { FormType: EMPLOYEE_FORM_TYPE, KeyField: 'F1', FieldName: 'Status', AlphaValue: 'Terminated', NumericValue: 0, DateValue: '' },
      { FormType: EMPLOYEE_FORM_TYPE, KeyField: 'F1', FieldName: 'TrmDat', AlphaValue: '', NumericValue: 0, DateValue: '2026-03-31' },
    ]);
  });

  it('Add of an existing value is a duplicate; Update changes it; an empty DateValue clears it (rehire)', async () => {
    expect(errors((await form('Add', [value('F1', 'Status', { AlphaValue: 'Active' })])).text, 'setupcustomform')).toEqual([
      `Custom form field '${EMPLOYEE_FORM_TYPE} F1 Status' already exists`,
    ]);
    await form('Update', [value('F1', 'Status', { AlphaValue: 'Active' }), value('F1', 'TrmDat', { DateValue: '' })]);
    const values = sim.customFormValues().filter((v) => v.KeyField === 'F1');
    expect(values.map((v) => [v.FieldName, v.AlphaValue, v.DateValue])).toEqual([
      ['Status', 'Active', ''],
      ['TrmDat', '', ''],
    ]);
    expect(errors((await form('Update', [value('F2', 'Status', { AlphaValue: 'Active' })])).text, 'setupcustomform')).toEqual([
      `Custom form field '${EMPLOYEE_FORM_TYPE} F2 Status' not found`,
    ]);
  });

  it('validates the form type, the field, the employee, the value element and the date', async () => {
    const res = await form('Add', [
      item({ FormType: 'XXX', KeyField: 'F2', FieldName: 'Status' }, { AlphaValue: 'A' }),
      value('F2', 'Salary', { NumericValue: '1' }),
      value('NOBODY', 'Status', { AlphaValue: 'A' }),
      value('F2', 'TrmDat', { AlphaValue: 'yesterday' }),
      value('F2', 'HirDat', { DateValue: '2026-02-30' }),
      value('F2', 'Status', { AlphaValue: 'x'.repeat(21) }),
    ]);
    expect(errors(res.text, 'setupcustomform')).toEqual([
      "Custom form type 'XXX' not found",
      `Field 'Salary' is not defined for custom form type '${EMPLOYEE_FORM_TYPE}'`,
      "Employee 'NOBODY' not found",
      "AlphaValue cannot be used for field 'TrmDat' (field type D)",
      "Invalid date '2026-02-30' for DateValue (expected CCYY-MM-DD)",
      `AlphaValue '${'x'.repeat(21)}' exceeds the maximum length of 20`,
    ]);
    expect(sim.customFormValues().some((v) => v.KeyField === 'F2')).toBe(false);
  });

  it('ValidateOnly=Y (the recorded COMSFM call) reports and keeps nothing; forms can be defined through the control API', async () => {
    expect((await control(sim, 'POST', '/_sim/custom-forms', { formType: 'POR', fields: [{ fieldName: 'TempPO', type: 'A' }] })).status).toBe(201);
    const res = await form('Add', [item({ FormType: 'POR', KeyField: 'U03679', FieldName: 'TempPO' }, { AlphaValue: 'Y' })], { ValidateOnly: 'Y' });
    expect(setupAnswer(res.text, 'setupcustomform')).toMatchObject({ read: 1, invalid: 0 });
    expect(sim.customFormValues().some((v) => v.FormType === 'POR')).toBe(false);
    await form('Delete', [value('F1', 'Status')]);
    expect(sim.customFormValues().map((v) => v.FieldName)).toEqual(['TrmDat']);
  });
});
