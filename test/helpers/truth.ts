// "The final ERP state equals what BambooHR says", for any registered ERP: the simulator's
// own comparison (src/sim/<erp>/sandbox.ts: the whole mapped record, no duplicate, nobody
// inactive left active), plus, on mlc's side, an applied audit row and a link for every
// record the ERP holds, and no operation left planned.
import { join } from 'node:path';
import { expect } from 'vitest';
import { State } from '../../src/store/state.js';
import type { TestSandbox } from './sandbox.js';

export function expectErpMatchesBamboo(t: TestSandbox): { active: number; records: number } {
  const c = t.sb.bamboo.company;
  const mismatches = t.sb.erp.mismatches(c);
  expect(mismatches, mismatches.slice(0, 5).join('; ')).toEqual([]);
  const written = t.sb.erp.written();
  const s = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
  try {
    const audited = new Set((s.db.prepare("SELECT family || ':' || employee_id FROM audit WHERE status = 'applied'").pluck().all() as string[]));
    for (const r of written) {
      expect(audited.has(`${r.family}:${r.sourceKey}`), `no applied audit row for ${r.family} ${r.sourceKey}`).toBe(true);
      expect(s.links.get(t.sb.erp.flow, r.sourceKey, r.family)?.erpKey, `link of ${r.family} ${r.sourceKey}`).toBe(r.erpKey);
    }
    expect(s.db.prepare("SELECT COUNT(*) FROM audit WHERE status = 'planned'").pluck().get(), 'operations left planned').toBe(0);
  } finally {
    s.close();
  }
  const active = c.data.employees.filter((e) => !e.deleted && c.view(e).d.status === 'Active').length;
  return { active, records: written.filter((w) => w.family === 'employee').length };
}
