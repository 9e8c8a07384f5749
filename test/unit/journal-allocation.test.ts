// Allocation (src/app/journal/plan.ts): department and location through the flow's lookups to
// GL accounts and cost centres by the options' templates; department/location totals unless
// per-employee lines are asked for; the flow's filter day by day; what cannot be allocated
// stays on its line as a problem (the journal is held, never posted incomplete).
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/app/journal/period.js';
import { planJournal } from '../../src/app/journal/plan.js';
import type { EmployeeRecord } from '../../src/domain/employee.js';
import { job, journalFlow, pay, person, workedExample } from './journal-fixtures.js';

const nov = parsePeriod('2026-11', '2026-12-01');
function plan(employees: EmployeeRecord[], options: Record<string, unknown> = {}, over: Parameters<typeof journalFlow>[1] = {}) {
  const { flow, options: o } = journalFlow(options, over);
  return planJournal({ flow, options: o, period: nov, employees });
}

describe('journal allocation', () => {
  it('templates: account and cost centre from the lookups; no cost centre when the option is null', () => {
    const p = plan(workedExample(), { account: '{location}-{department}-6100', costCenter: null, lineDescription: 'Salaries {department}' });
    expect(p.doc.lines.map((l) => [l.account, l.dimensions, l.description])).toEqual([
      ['09-100-6100', {}, 'Salaries 100'],
      ['09-200-6100', {}, 'Salaries 200'],
      ['000-2105-00', {}, 'BambooHR compensation 2026-11'],
    ]);
  });

  it('lines carry department/location totals; lines: employee gives one line per person and allocation', () => {
    expect(plan(workedExample()).doc.lines).toHaveLength(3);
    const p = plan(workedExample(), { lines: 'employee', lineDescription: '{employee} {department.name}' });
    expect(p.doc.lines.filter((l) => l.debit > 0).map((l) => [l.description, l.debit])).toEqual([
      ['Employee E1 Engineering', 650000], ['Employee E3 Engineering', 250000], ['Employee E4 Engineering', 346667],
      ['Employee E2 Sales', 250000], ['Employee E4 Sales', 173333], ['Employee E5 Sales', 433333],
    ]);
    expect(p.doc.lines.at(-1)?.credit).toBe(2103333);
  });

  it('an unmapped department holds the journal with the failing line, and its cost stays visible', () => {
    const lost = person('20', '2020-01-01', [job('2020-01-01', 'Quantum Research'), pay('2020-01-01', '120000.00')]);
    const p = plan([...workedExample(), lost]);
    expect(p.lines[0]).toMatchObject({ line: { account: '', debit: 1000000, description: 'Quantum Research / Reykjavik, Iceland' }, people: 1 });
    expect(p.problems).toEqual([{ line: 0, message: 'department: no lookup for department "Quantum Research" in flows.payroll.references.department' }]);
    expect(p.doc.lines.at(-1)?.credit).toBe(2103333 + 1000000);
  });

  it('pay in another currency is converted by exchangeRates; without a rate the line is held', () => {
    const berlin = person('21', '2020-01-01', [job('2020-01-01', 'Finance', 'Berlin, Germany'), pay('2020-01-01', '60000.00', 'Year', 'EUR')]);
    expect(plan([berlin], { exchangeRates: { EUR: 1.08 } }).doc.lines[0]).toMatchObject({ account: '300-6100-06', debit: 540000 });
    expect(plan([berlin]).problems.map((x) => x.message)).toEqual(['employee 21 is paid in EUR; options.exchangeRates has no EUR']);
  });

  it('the filter applies day by day: a transfer out of the filtered location stops the cost', () => {
    const mover = person('22', '2020-01-01', [job('2020-01-01', 'Sales', 'Denver, Colorado'), job('2026-11-16', 'Sales', 'Berlin, Germany'), pay('2020-01-01', '60000.00')]);
    const p = plan([mover], {}, { filter: { location: ['Denver, Colorado'] } });
    expect(p.doc.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([['200-6100-01', 250000, 0], ['000-2105-00', 0, 250000]]);
  });

  it('no pay rate, or a rate per something mlc cannot cost, is a problem on its line', () => {
    const none = person('23', '2020-01-01', [job('2020-01-01', 'Sales')]);
    const odd = person('24', '2020-01-01', [job('2020-01-01', 'Sales'), pay('2020-01-01', '1000.00', 'Pay Period')]);
    expect(plan([none, odd]).problems.map((x) => x.message)).toEqual([
      'employee 23 has no pay rate in BambooHR on 2026-11-01',
      'employee 24: pay "per Pay Period" on 2026-11-01 is not a rate mlc can cost (Year, Quarter, Month, Week, Day, Hour, or Pay Period with rates.payPeriodsPerYear)',
    ]);
    expect(plan([odd], { rates: { hoursPerYear: 2080, daysPerYear: 260, weeksPerYear: 52, payPeriodsPerYear: 26 } }).doc.lines[0]?.debit).toBe(Math.round((100000 * 26) / 12));
  });
});
