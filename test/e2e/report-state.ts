// A demo-like state for the report tests, made by real `mlc sync` runs against the sandbox:
// a first full sync, then the changes a month brings (a hire, a transfer and a termination
// today, a transfer into a mapped department in 14 days and into an unmapped one in 3, a
// termination in 9, a pay change in 5, a hire into an unmapped department, one ERP failure),
// an incremental sync (one parked, one failed), and a webhook hint nobody has read yet.
import { join } from 'node:path';
import { expect } from 'vitest';
import { State } from '../../src/store/state.js';
import type { TestSandbox } from '../helpers/sandbox.js';

export interface Story {
  today: string;
  hire: number;
  unmapped: number;
  mover: number;
  leaver: number;
  later: { id: number; date: string };
  soon: { id: number; date: string };
  leaving: { id: number; date: string };
  raise: { id: number; date: string; amount: string };
  hinted: number;
}

export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** `quietRuns`: ordinary incremental syncs (two new job titles each) before the month's changes. */
export async function demoLikeState(t: TestSandbox, quietRuns = 0): Promise<Story> {
  expect((await t.run(['sync'])).code).toBe(0);
  const c = t.sb.bamboo.company;
  const today = t.sb.bamboo.clock.today();
  for (let i = 0; i < quietRuns; i++) {
    t.sb.bamboo.clock.advance(60_000);
    for (const e of c.list().filter((x) => c.view(x).d.status === 'Active').slice(60 + 2 * i, 62 + 2 * i)) c.addJobInfo(e.id, { date: today, jobTitle: `Senior ${c.view(e).d.job?.jobTitle ?? 'Associate'}` });
    expect((await t.run(['sync'])).code).toBe(0);
  }
  t.sb.bamboo.clock.advance(60_000);
  // Settled people: active, with nothing already scheduled that would blur the story.
  const settled = c.list().filter((e) => c.view(e).d.status === 'Active' && ![...e.jobInfo, ...e.employmentStatus, ...e.compensation].some((r) => ('date' in r ? r.date : r.startDate) > today));
  const [mover, leaver, later, soon, leaving, raise, hinted] = [20, 24, 28, 32, 36, 5, 8].map((i) => settled[i]!.id) as [number, number, number, number, number, number, number];
  const story: Story = {
    today,
    hire: c.hire({ firstName: 'Imani', lastName: 'Okafor', department: 'Sales', division: 'North America', location: 'Denver, Colorado', jobTitle: 'Account Executive' }),
    unmapped: c.hire({ firstName: 'Tomás', lastName: 'Quinn', department: 'Quantum Research', division: 'EMEA', location: 'Dublin, Ireland', jobTitle: 'Research Scientist' }),
    mover, leaver,
    later: { id: later, date: addDays(today, 14) },
    soon: { id: soon, date: addDays(today, 3) },
    leaving: { id: leaving, date: addDays(today, 9) },
    raise: { id: raise, date: addDays(today, 5), amount: '987654.32' },
    hinted,
  };
  c.addJobInfo(mover, { date: today, department: 'Finance' });
  c.terminate(leaver, today);
  c.addJobInfo(later, { date: story.later.date, department: 'Legal' });
  c.addJobInfo(soon, { date: story.soon.date, department: 'Quantum Research' });
  c.terminate(leaving, story.leaving.date);
  c.addCompensation(raise, { startDate: story.raise.date, rate: { value: story.raise.amount, currency: 'USD' }, type: 'Salary', paidPer: 'Year' });
  t.sb.erp.inject('fail-next-write');
  expect((await t.run(['sync'])).code).toBe(1);
  // A webhook delivery received after the last run: the inbox holds it for the next one.
  const state = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000 });
  try {
    state.inbox.add(String(hinted), 'Updated', new Date().toISOString());
  } finally {
    state.close();
  }
  return story;
}

/** Values the page must never show: pay amounts, personal e-mail addresses, birth dates. */
/**
 * Where `value` stands in `text` as a value of its own: a pay rate such as 39.40 inside a
 * timestamp (…T09:45:39.408Z) or a longer number is not a leak (a CI run once tripped on that).
 */
export function standsIn(text: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d.])${escaped}(?![\\d])`).test(text);
}

export function sensitiveValues(t: TestSandbox, story: Story): string[] {
  const out = new Set<string>([story.raise.amount]);
  for (const e of t.sb.bamboo.company.list()) {
    if (e.homeEmail) out.add(e.homeEmail);
    if (e.birthDate) out.add(e.birthDate);
    for (const r of e.compensation) out.add(r.rate.value);
  }
  return [...out];
}
