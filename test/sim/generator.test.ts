import { describe, expect, it } from 'vitest';
import { generateCompany } from '../../src/sim/bamboohr/index.js';

const base = { today: '2026-03-15', now: '2026-03-15T17:00:00Z' };

describe('generateCompany', () => {
  it('is deterministic for the same seed, size and dates', () => {
    const a = generateCompany({ seed: 7, size: 300, ...base });
    const b = generateCompany({ seed: 7, size: 300, ...base });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('differs for a different seed', () => {
    const a = generateCompany({ seed: 7, size: 300, ...base });
    const b = generateCompany({ seed: 8, size: 300, ...base });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });

  // How long it takes is a benchmark figure (bench/), not a test: a loaded machine is slower.
  it('generates 50,000 employees', () => {
    const c = generateCompany({ seed: 1, size: 50_000, ...base });
    expect(c.employees).toHaveLength(50_000);
    expect(new Set(c.employees.map((e) => e.id)).size).toBe(50_000);
  });

  it('contains the hard cases', () => {
    const c = generateCompany({ seed: 3, size: 200, ...base });
    const ids = c.employees.map((e) => e.id);
    expect(ids[0]).toBeGreaterThan(100);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.some((id, i) => i > 0 && id - (ids[i - 1] ?? 0) > 1)).toBe(true);
    expect(c.employees.some((e) => e.employeeNumber !== String(e.id))).toBe(true);
    const terminatedRows = (e: (typeof c.employees)[number]) => e.employmentStatus.filter((r) => r.employmentStatus === 'Terminated');
    const futureTerms = c.employees.filter((e) => terminatedRows(e).some((r) => r.date > base.today));
    expect(futureTerms).toHaveLength(1);
    expect(c.employees.filter((e) => e.originalHireDate === '0000-00-00')).toHaveLength(1);
    const rehired = c.employees.filter((e) => e.originalHireDate && e.originalHireDate !== '0000-00-00');
    expect(rehired.length).toBeGreaterThanOrEqual(1);
    expect(rehired.every((e) => (e.originalHireDate ?? '') < e.hireDate)).toBe(true);
    expect(c.employees.some((e) => e.jobInfo.some((r) => r.date > base.today))).toBe(true);
    const names = c.employees.map((e) => `${e.firstName} ${e.lastName} ${e.preferredName ?? ''}`).join('|');
    expect(names).toContain("O'Brien");
    expect(names).toMatch(/[\u0590-\u05ff]/);
    expect(names).toMatch(/\p{Extended_Pictographic}/u);
    expect(names).toMatch(/[A-Za-z]-[A-Za-z]/);
    expect(c.employees.every((e) => e.lastChanged <= base.now && e.birthDate && e.homeEmail)).toBe(true);
    expect(new Set(c.employees.flatMap((e) => e.compensation.map((r) => r.rate.currency)))).toEqual(new Set(['USD', 'CAD', 'EUR', 'GBP']));
  });

  it('rejects sizes outside 10..50000', () => {
    expect(() => generateCompany({ seed: 1, size: 9, ...base })).toThrow(RangeError);
  });
});
