// Proration of the period's cost (src/app/journal/cost.ts, plan.ts): annual, monthly and hourly
// rates as a monthly cost, shared over the days a person was employed, in the department and
// location of each day, at the rate of each day. The README's worked example, exactly.
import { describe, expect, it } from 'vitest';
import { parsePeriod, weightedDays } from '../../src/app/journal/period.js';
import { planJournal } from '../../src/app/journal/plan.js';
import { job, journalFlow, pay, person, status, workedExample } from './journal-fixtures.js';

const nov = parsePeriod('2026-11', '2026-12-01');
const plan = (employees = workedExample(), options: Record<string, unknown> = {}) => {
  const { flow, options: o } = journalFlow(options);
  return planJournal({ flow, options: o, period: nov, employees });
};
const amounts = (p: ReturnType<typeof plan>) => p.doc.lines.map((l) => [l.account, l.debit, l.credit]);

describe('journal proration', () => {
  it('the worked example of the README: a hire, a termination, a transfer and a raise in November 2026', () => {
    const p = plan();
    expect(p.problems).toEqual([]);
    expect(amounts(p)).toEqual([
      ['100-6100-09', 1246667, 0], // 6,500.00 + 2,500.00 (terminated 10 Nov) + 3,466.67 (transferred out 21 Nov)
      ['200-6100-09', 856666, 0], // 2,500.00 (hired 16 Nov) + 1,733.33 (transferred in) + 4,333.33 (raise from 11 Nov)
      ['000-2105-00', 0, 2103333],
    ]);
    expect(p.lines.map((l) => [l.line.dimensions.costCenter, l.line.description, l.people])).toEqual([
      ['100', 'Engineering / Reykjavik, Iceland', 3],
      ['200', 'Sales / Reykjavik, Iceland', 3],
    ]);
    expect(p.people).toBe(5);
    expect(p.doc).toMatchObject({ reference: 'MLC PAYROLL 2026-11', period: '2026-11', date: '2026-11-30', description: 'BambooHR compensation 2026-11' });
  });

  it('a person\'s shares: each day in the department and at the rate of that day', () => {
    const one = (id: string) => plan(workedExample().filter((e) => e.id === id)).doc.lines.filter((l) => l.debit > 0).map((l) => [l.account, l.debit]);
    expect(one('1')).toEqual([['100-6100-09', 650000]]);
    expect(one('2')).toEqual([['200-6100-09', 250000]]); // 15 of 30 days
    expect(one('3')).toEqual([['100-6100-09', 250000]]); // 1–10 Nov, the termination date worked
    expect(one('4')).toEqual([['100-6100-09', 346667], ['200-6100-09', 173333]]); // 30 × 2080 / 12 = 5,200.00 split 20/10
    expect(one('5')).toEqual([['200-6100-09', 433333]]); // 10 days at 48,000, 20 at 54,000
  });

  it('terminationDate: not-worked stops the cost the day before', () => {
    const p = plan(workedExample().filter((e) => e.id === '3'), { terminationDate: 'not-worked' });
    expect(p.doc.lines[0]?.debit).toBe(225000); // 9 of 30 days
  });

  it('working-days proration shares the month over Monday to Friday', () => {
    expect(weightedDays(nov.start, nov.end, 'working-days')).toBe(21);
    const p = plan(workedExample().filter((e) => e.id === '2'), { proration: 'working-days' });
    // Hired Monday 16 Nov: 11 of November's 21 working days of 5,000.00.
    expect(p.doc.lines[0]?.debit).toBe(Math.round((500000 * 11) / 21));
  });

  it('monthly, weekly and daily rates use the configured periods a year', () => {
    const e = (id: string, rate: string, per: 'Month' | 'Week' | 'Day') => person(id, '2020-01-01', [job('2020-01-01', 'Finance'), pay('2020-01-01', rate, per)]);
    const p = plan([e('7', '4100.00', 'Month'), e('8', '1000.00', 'Week'), e('9', '200.00', 'Day')], { rates: { hoursPerYear: 2080, weeksPerYear: 52, daysPerYear: 260 } });
    expect(p.doc.lines.at(-1)?.credit).toBe(410000 + Math.round((100000 * 52) / 12) + Math.round((20000 * 260) / 12));
  });

  it('nobody employed in the period: nothing before the hire, nothing after a termination', () => {
    const later = person('10', '2026-12-07', [job('2026-12-07', 'Sales'), pay('2026-12-07', '50000.00')]);
    const gone = person('11', '2020-01-01', [job('2020-01-01', 'Sales'), pay('2020-01-01', '50000.00'), status('2026-10-31', 'Terminated')], { status: 'Inactive' });
    const p = plan([later, gone]);
    expect(p.lines).toEqual([]);
    expect(p.problems.map((x) => x.message)).toEqual(['nobody the flow covers has a compensation cost in 2026-11: there is nothing to post']);
  });

  it('a rehire inside the month costs only the days employed', () => {
    const back = person('12', '2026-11-21', [job('2020-01-01', 'Sales'), pay('2020-01-01', '60000.00'), status('2020-01-01', 'Full-Time'), status('2026-11-05', 'Terminated'), status('2026-11-21', 'Full-Time')], { originalHireDate: '2020-01-01' });
    // 1–5 Nov (5 days, the termination date worked) and 21–30 Nov (10 days): 15 of 30.
    expect(plan([back]).doc.lines[0]?.debit).toBe(250000);
  });
});
