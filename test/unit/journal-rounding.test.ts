// Exact money (src/app/journal/money.ts) and the balance it guarantees: each person's cost is
// rounded once (half a cent up), split by largest remainder so the shares add up to it, and
// the offset line is the sum of the lines, so every journal balances to the cent.
import { describe, expect, it } from 'vitest';
import { decimalUnits, formatCents, roundHalfUp, splitCents } from '../../src/app/journal/money.js';
import { parsePeriod } from '../../src/app/journal/period.js';
import { planJournal } from '../../src/app/journal/plan.js';
import { mulberry32 } from '../../src/sim/common/prng.js';
import { job, journalFlow, pay, person } from './journal-fixtures.js';

describe('journal rounding', () => {
  it('decimal rates are read exactly, without binary fractions', () => {
    expect(decimalUnits('65000.00', 6)).toBe(65_000_000_000n);
    expect(decimalUnits('0.1', 2)).toBe(10n);
    expect(decimalUnits('27.125', 2)).toBeUndefined();
    expect(decimalUnits('1e5', 2)).toBeUndefined();
  });

  it('halves round up; everything else to the nearest cent', () => {
    expect([roundHalfUp(5n, 2n), roundHalfUp(3n, 2n), roundHalfUp(7n, 3n), roundHalfUp(8n, 3n)]).toEqual([3n, 2n, 2n, 3n]);
  });

  it('a split adds up to the rounded total; leftover cents go to the largest remainders, the earlier on a tie', () => {
    expect(splitCents([2n, 1n], 3n)).toEqual([1, 0]); // 0.67 + 0.33 = 1.00
    expect(splitCents([1n, 1n, 1n], 2n)).toEqual([1, 1, 0]); // 1.5 → 2: ties go to the first shares
    expect(splitCents([5n, 5n], 10n)).toEqual([1, 0]); // 0.5 + 0.5 = 1
    expect(formatCents(1246667)).toBe('12466.67');
    expect(formatCents(5)).toBe('0.05');
  });

  it('every journal balances exactly, and each person costs what their total rounds to (120 random months)', () => {
    const rnd = mulberry32(42);
    const depts = ['Engineering', 'Sales', 'Finance'];
    for (let round = 0; round < 120; round++) {
      const people = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_, i) => {
        const moves = Array.from({ length: Math.floor(rnd() * 3) }, () => job(`2026-11-${String(2 + Math.floor(rnd() * 28)).padStart(2, '0')}`, depts[Math.floor(rnd() * 3)]!));
        const rate = rnd() < 0.5 ? pay('2020-01-01', (Math.floor(rnd() * 9000) / 100 + 10).toFixed(2), 'Hour') : pay('2020-01-01', `${30000 + Math.floor(rnd() * 90000)}.${String(Math.floor(rnd() * 100)).padStart(2, '0')}`);
        return person(String(i + 1), '2020-01-01', [job('2020-01-01', depts[i % 3]!), ...moves, rate]);
      });
      const { flow, options } = journalFlow({ proration: rnd() < 0.5 ? 'calendar-days' : 'working-days' });
      const p = planJournal({ flow, options, period: parsePeriod('2026-11', '2026-12-01'), employees: people });
      const debits = p.doc.lines.reduce((a, l) => a + l.debit, 0);
      const credits = p.doc.lines.reduce((a, l) => a + l.credit, 0);
      expect(debits).toBe(credits);
      expect(p.doc.lines.every((l) => Number.isInteger(l.debit) && Number.isInteger(l.credit))).toBe(true);
      // Per person: the shares of their lines (per-employee lines) add up to their rounded whole-month cost.
      const each = planJournal({ flow, options: { ...options, lines: 'employee', lineDescription: '{employee}' }, period: parsePeriod('2026-11', '2026-12-01'), employees: people });
      for (const e of people) {
        const alone = planJournal({ flow, options, period: parsePeriod('2026-11', '2026-12-01'), employees: [e] });
        const shares = each.doc.lines.filter((l) => l.description === `Employee E${e.id}`).reduce((a, l) => a + l.debit, 0);
        expect(shares).toBe(alone.doc.lines.at(-1)?.credit);
      }
    }
  });
});
