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
