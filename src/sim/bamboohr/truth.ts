// What BambooHR says each person is today, in plain terms an ERP simulator can compare its
// records with (the suites' truth: src/sim/erp-sandbox.ts). Employees hired in the future are
// left out (not employed yet); deleted ones count as gone.
import type { SimCompany } from './company.js';

export interface ExpectedPerson {
  id: number;
  active: boolean;
  /** Legal names: ERP person records carry them by default. */
  firstName: string;
  lastName: string;
  workEmail: string | null;
  hireDate: string;
  terminationDate: string | null;
  department: string | null;
  division: string | null;
  location: string | null;
  jobTitle: string | null;
  supervisorId: number | null;
}

export function expectedPeople(c: SimCompany): ExpectedPerson[] {
  const out: ExpectedPerson[] = [];
  for (const e of c.data.employees) {
    const d = c.view(e).d;
    if (!e.deleted && !d.employment) continue; // a future hire
    const boss = d.job?.reportsTo ?? null;
    out.push({
      id: e.id, active: !e.deleted && d.status === 'Active', firstName: e.firstName, lastName: e.lastName, workEmail: e.workEmail, hireDate: e.hireDate,
      terminationDate: d.terminationDate, department: d.job?.department ?? null, division: d.job?.division ?? null, location: d.job?.location ?? null,
      jobTitle: d.job?.jobTitle ?? null, supervisorId: boss !== null && c.get(boss) && !c.get(boss)!.deleted ? boss : null,
    });
  }
  return out;
}

/** Compares `want` with `got` field by field; one line per difference, prefixed by `who`. */
export function differences(who: string, want: Record<string, unknown>, got: Record<string, unknown>): string[] {
  return Object.entries(want).filter(([k, v]) => (got[k] ?? null) !== (v ?? null)).map(([k, v]) => `${who}: ${k} is ${JSON.stringify(got[k] ?? null)}, expected ${JSON.stringify(v ?? null)}`);
}
