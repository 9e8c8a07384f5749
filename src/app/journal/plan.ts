// The journal of one flow and period (pure): every person's cost (cost.ts), allocated to the
// GL account and cost centre their department and location map to that day (the flow's
// lookups, through the options' templates), summed per line, balanced by one credit to the
// offset account. Lines carry department/location totals, never one person's pay, unless the
// flow asks for `lines: employee`. What cannot be allocated (an unmapped value, pay mlc cannot
// cost) stays on its line as a problem: the journal is then held, never posted incomplete.
import type { JournalDoc, JournalLine, JournalProblem } from '../../adapters/types.js';
import type { FlowSettings } from '../../config/types.js';
import type { EmployeeRecord } from '../../domain/employee.js';
import { denominator, personShares, type Share } from './cost.js';
import { splitCents } from './money.js';
import type { Period } from './period.js';
import type { JournalOptions } from './settings.js';

export interface JournalPlanInput {
  flow: FlowSettings;
  options: JournalOptions;
  period: Period;
  employees: readonly EmployeeRecord[];
}

export interface PlannedLine {
  line: JournalLine;
  /** People whose cost is in the line. */
  people: number;
  /** Why the line cannot be posted as it is. */
  problems: string[];
}

export interface JournalPlan {
  doc: JournalDoc;
  /** The debit lines, in doc.lines order (the offset credit is the last line of doc.lines). */
  lines: PlannedLine[];
  problems: JournalProblem[];
  people: number;
}

/** `{name}` from vars; an unknown name leaves `?` and is reported. */
export function fillTemplate(template: string, vars: Record<string, string | null | undefined>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(/\{([A-Za-z][A-Za-z0-9_.]*)\}/g, (_m, k: string) => {
    const v = vars[k];
    if (v === undefined || v === null) missing.push(k);
    return v ?? '?';
  });
  return { text, missing };
}

interface Bucket {
  key: string;
  account: string;
  costCenter: string | undefined;
  description: string;
  people: Set<string>;
  cents: number;
  problems: Set<string>;
}

function bucketOf(s: Share, rec: EmployeeRecord, o: JournalOptions): Omit<Bucket, 'people' | 'cents' | 'problems'> {
  const account = fillTemplate(o.account, s.refs);
  const cc = o.costCenter === null ? undefined : fillTemplate(o.costCenter, s.refs);
  const names = Object.fromEntries(Object.entries(s.source).map(([slot, v]) => [`${slot}.name`, v]));
  const employee = `Employee ${rec.fields.employeeNumber ?? rec.id}`;
  const description = fillTemplate(o.lineDescription, { ...s.refs, ...names, employee }).text;
  const unmapped = account.missing.length > 0 || (cc?.missing.length ?? 0) > 0;
  const where = unmapped ? `unmapped:${JSON.stringify(s.source)}` : `${account.text}|${cc?.text ?? ''}`;
  return { key: o.lines === 'employee' ? `${where}|${rec.id}` : where, account: unmapped ? '' : account.text, costCenter: unmapped ? undefined : cc?.text, description };
}

function fill(flow: string, period: Period, template: string): string {
  return fillTemplate(template, { flow, FLOW: flow.toUpperCase(), period: period.id, yyyymm: period.id.replace('-', '') }).text;
}

export function planJournal(input: JournalPlanInput): JournalPlan {
  const { flow, options: o, period } = input;
  const d = denominator(period, o);
  const buckets = new Map<string, Bucket>();
  for (const rec of input.employees) {
    const mine = new Map<string, { b: Omit<Bucket, 'people' | 'cents' | 'problems'>; n: bigint; problems: string[] }>();
    for (const s of personShares(rec, period, flow, o)) {
      const b = bucketOf(s, rec, o);
      const had = mine.get(b.key);
      if (had) (had.n += s.numerator), had.problems.push(...s.problems);
      else mine.set(b.key, { b, n: s.numerator, problems: [...s.problems] });
    }
    const parts = [...mine.values()];
    const cents = splitCents(parts.map((p) => p.n), d);
    parts.forEach((p, i) => {
      const bucket = buckets.get(p.b.key) ?? { ...p.b, people: new Set<string>(), cents: 0, problems: new Set<string>() };
      bucket.people.add(rec.id);
      bucket.cents += cents[i]!;
      for (const m of p.problems) bucket.problems.add(m);
      buckets.set(p.b.key, bucket);
    });
  }
  const sorted = [...buckets.values()].filter((b) => b.cents > 0 || b.problems.size > 0).sort((a, b) => a.account.localeCompare(b.account) || (a.costCenter ?? '').localeCompare(b.costCenter ?? '') || a.description.localeCompare(b.description));
  const lines: PlannedLine[] = sorted.map((b): PlannedLine => ({
    line: { account: b.account, debit: b.cents, credit: 0, description: b.description, dimensions: b.costCenter ? { costCenter: b.costCenter } : ({} as Record<string, string>) },
    people: b.people.size,
    problems: [...b.problems],
  }));
  const total = lines.reduce((a, l) => a + l.line.debit, 0);
  const description = fill(flow.name, period, o.description);
  const doc: JournalDoc = {
    reference: fill(flow.name, period, o.reference), period: period.id, date: o.date === 'last-day' ? period.end : period.start, description,
    lines: [...lines.map((l) => l.line), { account: o.offsetAccount, debit: 0, credit: total, description, dimensions: {} }],
  };
  const problems: JournalProblem[] = lines.flatMap((l, i) => l.problems.map((message) => ({ line: i, message })));
  if (total === 0 && problems.length === 0) problems.push({ line: null, message: `nobody the flow covers has a compensation cost in ${period.id}: there is nothing to post` });
  return { doc, lines, problems, people: new Set(sorted.flatMap((b) => [...b.people])).size };
}
