// Mapping coverage (pure): for each lookup of a flow, every BambooHR value its employees carry
// (or will carry once a scheduled change takes effect), with the active headcount today and
// the ERP value it maps to. Unmapped values come first: they are what parks records.
import type { FlowSettings } from '../../config/types.js';
import { keyMatcher } from '../../domain/redact-payload.js';
import { sourceValue } from '../../domain/source-fields.js';
import { matchesFilter } from '../sync/plan.js';
import { erpValueOf, lookupsOf, sourceName, type LookupRule } from './lookups.js';
import type { CoverageValue, LookupCoverage, UpcomingChange } from './model.js';
import type { People } from './people.js';

interface Tally {
  headcount: number;
  incoming: number;
}

function tally(flow: FlowSettings, from: string, people: People, upcoming: readonly UpcomingChange[]): Map<string, Tally> {
  const seen = new Map<string, Tally>();
  const get = (v: string) => seen.get(v) ?? seen.set(v, { headcount: 0, incoming: 0 }).get(v)!;
  for (const p of people.byId.values()) {
    if (!matchesFilter(flow, p.today)) continue;
    const v = sourceValue(p.today, from);
    if (v === null) continue;
    const t = get(v);
    if (p.today.phase === 'active') t.headcount++;
  }
  for (const u of upcoming) for (const c of u.changes) if (c.field === from && c.to !== null) get(c.to).incoming++;
  return seen;
}

const rank = (v: CoverageValue) => (v.how === 'unmapped' ? 0 : 1);

function lookupCoverage(flow: FlowSettings, slot: string, rule: LookupRule, people: People, upcoming: readonly UpcomingChange[]): LookupCoverage {
  const values: CoverageValue[] = [...tally(flow, rule.from, people, upcoming)].map(([value, t]) => ({ value, ...t, ...erpOf(flow, rule, value) }));
  values.sort((a, b) => rank(a) - rank(b) || b.headcount - a.headcount || b.incoming - a.incoming || a.value.localeCompare(b.value));
  return { slot, from: rule.from, source: sourceName(rule, flow.name, slot), values, unmapped: values.filter((v) => v.how === 'unmapped').length };
}

function erpOf(flow: FlowSettings, rule: LookupRule, value: string): Pick<CoverageValue, 'erp' | 'how'> {
  const r = erpValueOf(flow, rule, value);
  return { erp: r.value, how: r.how };
}

/** `redact`: the audit.redact patterns; a lookup keyed on such a field lists no values. */
export function mappingCoverage(flow: FlowSettings, people: People, upcoming: readonly UpcomingChange[], redact: readonly string[]): LookupCoverage[] {
  const sensitive = keyMatcher(redact);
  return lookupsOf(flow).map(({ slot, rule }) =>
    sensitive(rule.from)
      ? { slot, from: rule.from, source: sourceName(rule, flow.name, slot), values: [], unmapped: 0, withheld: true }
      : lookupCoverage(flow, slot, rule, people, upcoming),
  );
}
