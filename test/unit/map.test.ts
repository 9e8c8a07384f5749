import { describe, expect, it } from 'vitest';
import { mapFields, mapRows, normDate, parseRate } from '../../src/source/bamboohr/map.js';

describe('BambooHR value quirks', () => {
  it('dates: "" and 0000-00-00 are empty; impossible dates become empty with a note', () => {
    const notes: string[] = [];
    expect(normDate('')).toBeNull();
    expect(normDate('0000-00-00')).toBeNull();
    expect(normDate('2026-02-28')).toBe('2026-02-28');
    expect(normDate('2026-02-30', (m) => notes.push(m))).toBeNull();
    expect(normDate('Bad Date', (m) => notes.push(m))).toBeNull();
    expect(normDate('2026-03-04T00:00:00+00:00')).toBe('2026-03-04');
    expect(notes).toEqual(['"2026-02-30" is not a date; treated as empty', '"Bad Date" is not a date; treated as empty']);
  });

  it('dates: the quick check of plain YYYY-MM-DD answers as the full one does, leap days and short years included', () => {
    // The full check alone (the regex and a Date), as normDate was before its quick path.
    const full = (s: string): string | null => {
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(s);
      if (!m || s.startsWith('0000-00-00')) return null;
      const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return t.getUTCFullYear() === Number(m[1]) && t.getUTCMonth() === Number(m[2]) - 1 && t.getUTCDate() === Number(m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : null;
    };
    let checked = 0;
    for (const y of ['0000', '0001', '0050', '0099', '0100', '1900', '1999', '2000', '2023', '2024', '2100', '9999']) {
      for (let mo = 0; mo <= 13; mo++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(normDate(s), s).toBe(full(s));
          checked++;
        }
      }
    }
    for (const s of ['2024-1-05', '2024-01-5 ', '2024/01/05', 'x024-01-05', '2024-0a-05', '2024-02-29', '2023-02-29']) expect(normDate(s), s).toBe(full(s.trim()));
    expect(checked).toBe(12 * 14 * 33);
  });

  it('pay rates: both the string and the object form, and the empty forms', () => {
    expect(parseRate('56.00 USD')).toEqual({ value: '56.00', currency: 'USD' });
    expect(parseRate({ value: '27.00', currency: 'CAD' })).toEqual({ value: '27.00', currency: 'CAD' });
    expect(parseRate(' USD')).toEqual({ value: null, currency: 'USD' });
    expect(parseRate('')).toEqual({ value: null, currency: null });
    expect(parseRate(42)).toEqual({ value: '42', currency: null });
  });

  it('fields: numbers become strings, payRate splits, ids are dropped', () => {
    const notes: string[] = [];
    expect(mapFields({ id: 4, supervisorEId: 9, payRate: '65000.00 USD', hireDate: '0000-00-00', firstName: 'Zoë', workEmail: '' }, '4', notes)).toEqual({
      supervisorEId: '9', payRate: '65000.00', payCurrency: 'USD', hireDate: null, firstName: 'Zoë', workEmail: null,
    });
  });

  it('rows from the changed feed and from the all-rows endpoint normalise to the same data', () => {
    const notes: string[] = [];
    const changed = mapRows('compensation', [{ startDate: '2024-06-04', rate: '56.00 USD', type: 'Hourly', paidPer: 'Hour' }], '401', notes);
    const all = mapRows('compensation', [{ id: 18297, employeeId: '401', startDate: '2024-06-04', paidPer: 'Hour', type: 'Hourly', rate: { value: '56.00', currency: 'USD' } }], '401', notes);
    expect(changed[0]?.data).toEqual(all[0]?.data);
    expect(all[0]).toMatchObject({ table: 'compensation', date: '2024-06-04', rowId: '18297' });
    const undated = mapRows('jobInfo', [{ date: '0000-00-00', department: 'X' }], '5', notes);
    expect(undated[0]?.date).toBeNull();
  });
});
