// BambooHR's list values for the fields reference flows keep in step (department, division,
// location), from GET /api/v1/meta/lists (one request per run, only for such flows), with the
// active headcount of each value as of the business date, computed from the employees'
// effective-dated state.
import type { SourceListValue } from '../../adapters/types.js';
import type { EmployeeState } from '../../domain/employee.js';
import { sourceValue } from '../../domain/source-fields.js';
import type { BambooHrClient } from '../../source/bamboohr/client.js';

// BambooHR list aliases behind the source fields flows can look up (reference §3.4).
const LIST_ALIAS: Record<string, string> = { employmentStatus: 'employmentHistoryStatus' };

export async function sourceLists(client: BambooHrClient, fields: readonly string[], states: () => Iterable<EmployeeState>): Promise<Record<string, SourceListValue[]>> {
  const lists = await client.metaLists();
  const counts = new Map<string, Map<string, number>>(fields.map((f) => [f, new Map()]));
  for (const s of states()) {
    if (s.phase !== 'active') continue;
    for (const f of fields) {
      const v = sourceValue(s, f);
      if (v !== null) counts.get(f)!.set(v, (counts.get(f)!.get(v) ?? 0) + 1);
    }
  }
  const out: Record<string, SourceListValue[]> = {};
  for (const f of fields) {
    const list = lists.find((l) => l.alias === (LIST_ALIAS[f] ?? f));
    const seen = new Set<string>();
    out[f] = (list?.options ?? []).map((o) => {
      seen.add(o.name);
      return { id: String(o.id ?? o.name), name: o.name, archived: o.archived === 'yes', headcount: counts.get(f)!.get(o.name) ?? 0 };
    });
    // A value employees carry that the list lacks (deleted option): kept, so headcounts add up.
    for (const [name, n] of counts.get(f)!) if (!seen.has(name)) out[f].push({ id: name, name, archived: false, headcount: n });
  }
  return out;
}
