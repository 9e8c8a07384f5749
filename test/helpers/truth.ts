// "The final ERP state equals what BambooHR says": every active BambooHR employee is in
// NetSuite once, active, with the references the sandbox lookups give; nobody inactive is
// active in NetSuite; no duplicate; every NetSuite record has its applied audit row and link.
import { join } from 'node:path';
import { expect } from 'vitest';
import { SUBSIDIARY_BY_LOCATION } from '../../src/app/sandbox-config.js';
import { State } from '../../src/store/state.js';
import type { TestSandbox } from './sandbox.js';

const idOf = (list: Array<{ id: string; name: string; isInactive?: boolean }>, name: string | undefined) => list.find((r) => r.name === name && !r.isInactive)?.id;

export function expectErpMatchesBamboo(t: TestSandbox): { active: number; records: number } {
  const c = t.sb.bamboo.company;
  // The account's reference records as they are now (a test may have added a department).
  const ref = { department: t.sb.netsuite.records.reference('department'), location: t.sb.netsuite.records.reference('location'), classification: t.sb.netsuite.records.reference('classification') };
  const records = t.sb.netsuite.records.employees();
  const externalIds = records.map((r) => r.externalId ?? '');
  expect(new Set(externalIds).size, 'duplicate NetSuite records').toBe(externalIds.length);
  const byExternal = new Map(records.map((r) => [r.externalId, r]));
  let active = 0;
  const mismatches: string[] = [];
  for (const e of c.data.employees) {
    const v = c.view(e).d;
    const rec = byExternal.get(`bhr-${e.id}`);
    if (!e.deleted && v.status === 'Active') {
      active++;
      const want = {
        isInactive: false,
        department: idOf(ref.department, v.job?.department),
        location: idOf(ref.location, v.job?.location),
        class: idOf(ref.classification, v.job?.division),
        subsidiary: SUBSIDIARY_BY_LOCATION[v.job?.location ?? ''],
      };
      if (!rec) mismatches.push(`${e.id}: active in BambooHR, missing in NetSuite`);
      else for (const [k, val] of Object.entries(want)) if ((rec as unknown as Record<string, unknown>)[k] !== val) mismatches.push(`${e.id}: ${k} is ${String((rec as unknown as Record<string, unknown>)[k])}, expected ${String(val)}`);
    } else if (rec && !rec.isInactive) mismatches.push(`${e.id}: inactive in BambooHR, active in NetSuite`);
  }
  for (const id of externalIds) if (!c.get(Number(id.replace('bhr-', '')))) mismatches.push(`${id}: in NetSuite, unknown to BambooHR`);
  expect(mismatches, mismatches.slice(0, 5).join('; ')).toEqual([]);
  const s = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
  try {
    const audited = new Set(s.db.prepare("SELECT DISTINCT employee_id FROM audit WHERE status = 'applied'").pluck().all() as string[]);
    const links = s.links.byEmployee('employees');
    for (const r of records) {
      const id = (r.externalId ?? '').replace('bhr-', '');
      expect(audited.has(id), `no applied audit row for ${id}`).toBe(true);
      expect(links.get(id)?.erpKey, `link of ${id}`).toBe(r.id);
    }
    expect(s.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'planned'").pluck().get(), 'operations left planned').toBe(0);
  } finally {
    s.close();
  }
  return { active, records: records.length };
}
