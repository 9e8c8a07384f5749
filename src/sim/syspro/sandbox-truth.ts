// The suites' truth for SYSPRO (src/sim/erp-sandbox.ts): every active BambooHR employee is a
// labour employee once, under the code mlc makes of its id, with its legal name as SYSPRO
// stores it (Windows-1252, cut to the column), the work centre its department maps to, and the
// custom form fields the sandbox flow writes (a status that is not the terminated one, the
// hire date, no termination date, division and location); nobody inactive in BambooHR is left
// without the terminated status; no mlc code unknown to BambooHR.
import type { SimCompany } from '../bamboohr/company.js';
import { differences, expectedPeople } from '../bamboohr/truth.js';
import { toCp1252 } from './cp1252.js';
import { EMPLOYEE_FORM_TYPE } from './seed.js';
import type { SysproSim } from './types.js';

/** The sandbox flow's employee code rule (`employeeCode.pattern: BHR{id:5}`). */
export const CODE_PREFIX = 'BHR';
export const codeOf = (id: number | string): string => `${CODE_PREFIX}${String(id).padStart(5, '0')}`;
const MINE = new RegExp(`^${CODE_PREFIX}\\d+$`);
export const TERMINATED = 'Terminated';
/** The BOMSEC Name length the simulator and the adapter assume (both default to 50). */
const NAME_MAX = 50;

/** Custom form values of the employee form, by employee code, then field name. */
function formsByEmployee(sim: SysproSim): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const v of sim.customFormValues()) {
    if (v.FormType !== EMPLOYEE_FORM_TYPE) continue;
    const fields = out.get(v.KeyField) ?? out.set(v.KeyField, new Map()).get(v.KeyField)!;
    fields.set(v.FieldName, v.DateValue || v.AlphaValue);
  }
  return out;
}

export function mismatches(sim: SysproSim, c: SimCompany, workCentreOf: (department: string | null) => string | undefined): string[] {
  const employees = new Map(sim.employees().map((e) => [e.Employee, e]));
  const forms = formsByEmployee(sim);
  const out: string[] = [];
  const known = new Set<string>();
  for (const p of expectedPeople(c)) {
    const code = codeOf(p.id);
    known.add(code);
    const rec = employees.get(code);
    const form = forms.get(code) ?? new Map<string, string>();
    const status = form.get('Status') ?? '';
    if (!p.active) {
      if (rec && status !== TERMINATED) out.push(`${p.id}: inactive in BambooHR, status "${status}" in SYSPRO`);
      continue;
    }
    if (!rec) {
      out.push(`${p.id}: active in BambooHR, missing in SYSPRO`);
      continue;
    }
    if (status === '' || status === TERMINATED) out.push(`${p.id}: active in BambooHR, status "${status}" in SYSPRO`);
    const name = [...toCp1252([p.firstName, p.lastName].filter(Boolean).join(' '))].slice(0, NAME_MAX).join('');
    const want = { Name: name, WorkCentre: workCentreOf(p.department), HirDat: p.hireDate, TrmDat: '', Divisn: p.division ?? '', Locatn: p.location ?? '' };
    const got = { Name: rec.Name, WorkCentre: rec.WorkCentre, HirDat: form.get('HirDat'), TrmDat: form.get('TrmDat') ?? '', Divisn: form.get('Divisn') ?? '', Locatn: form.get('Locatn') ?? '' };
    out.push(...differences(String(p.id), want, got));
  }
  for (const code of employees.keys()) if (MINE.test(code) && !known.has(code) && !c.get(Number(code.slice(CODE_PREFIX.length)))) out.push(`${code}: in SYSPRO, unknown to BambooHR`);
  return out;
}

/** What mlc wrote: every labour employee under an mlc code (the seeded SYS001 is not mlc's). */
export function written(sim: SysproSim): Array<{ family: 'employee'; sourceKey: string; erpKey: string }> {
  return sim
    .employees()
    .filter((e) => MINE.test(e.Employee))
    .map((e) => ({ family: 'employee' as const, sourceKey: String(Number(e.Employee.slice(CODE_PREFIX.length))), erpKey: e.Employee }));
}
