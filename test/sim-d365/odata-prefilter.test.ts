// The simulator's shortcut for key-list filters (prefilter) must never change an answer: every
// filter below is evaluated with it and by brute force over the same rows.
import { describe, expect, it } from 'vitest';
import { matches, prefilter } from '../../src/sim/d365/odata-eval.js';
import { parseFilter } from '../../src/sim/d365/odata-filter.js';

const rows = [
  { dataAreaId: 'usmf', VendorAccountNumber: 'EMP-1', Name: 'Ada', Since: '2026-01-01T00:00:00Z', Count: 3 },
  { dataAreaId: 'USMF', VendorAccountNumber: 'emp-2', Name: 'Bo', Since: '2026-02-01T00:00:00Z', Count: 7 },
  { dataAreaId: 'demf', VendorAccountNumber: 'EMP-3', Name: null, Since: null, Count: 0 },
  { dataAreaId: 'usmf', VendorAccountNumber: null, Name: "O'Neil", Since: '2026-03-01T00:00:00Z', Count: 1 },
];

const filters = [
  "dataAreaId eq 'usmf' and (VendorAccountNumber eq 'EMP-1' or VendorAccountNumber eq 'EMP-2')",
  "VendorAccountNumber eq 'EMP-3' or VendorAccountNumber eq 'emp-1'",
  "VendorAccountNumber eq 'EMP-1' or Name eq 'Bo'",
  "Name eq 'O''Neil'",
  "Since eq 2026-01-01T00:00:00Z",
  "Since eq '2026-02-01'",
  "VendorAccountNumber eq 'EMP-*'",
  "Count eq '7'",
  "not (VendorAccountNumber eq 'EMP-1')",
  "VendorAccountNumber eq null",
];

describe('the D365 simulator\'s key-list prefilter', () => {
  it.each(filters)('gives the brute-force answer for %s', (text) => {
    const e = parseFilter(text);
    const pre = prefilter(e);
    const fast = rows.filter((r) => (pre === undefined || pre(r)) && matches(e, r));
    expect(fast).toEqual(rows.filter((r) => matches(e, r)));
  });

  it('is used for mlc\'s read-before-write shape and passes exactly the listed keys', () => {
    const pre = prefilter(parseFilter("dataAreaId eq 'usmf' and (VendorAccountNumber eq 'EMP-1' or VendorAccountNumber eq 'EMP-2')"));
    expect(pre).toBeDefined();
    expect(rows.map((r) => pre!(r))).toEqual([true, true, false, false]);
  });
});
