// The SYSPRO adapter's pure parts, golden: the payload for every kind of operation and every
// termination mode, the hourly cost, the items and their packing under a URL limit, the
// reading of Setup answers (lower-cased roots, keys, errors inline, positions), the session id
// of a Logon answer, Windows-1252 and the query encoding.
import { describe, expect, it } from 'vitest';
import { readSetupAnswer } from '../../src/adapters/syspro/answer.js';
import { decodeWindows1252, encodeQueryValue } from '../../src/adapters/syspro/codec.js';
import { employeeItem, formItems, pack } from '../../src/adapters/syspro/documents.js';
import { itemMatchers } from '../../src/adapters/syspro/errors.js';
import { hourlyCost, type SysproPayload } from '../../src/adapters/syspro/map.js';
import { parseSessionId } from '../../src/adapters/syspro/session.js';
import { op, settings } from './syspro-helpers.js';

const s = settings('http://127.0.0.1:1/SYSPROWCFService/Rest');
const payload = (o: Parameters<typeof op>[1]) => op(s, o).payload as unknown as SysproPayload;
const form = (...values: Array<[string, 'A' | 'D', string | null]>) => ({ formType: 'BEM', values: values.map(([field, type, value]) => ({ field, type, value })) });

describe('SYSPRO map (golden)', () => {
  it('a hire: code from the id, legal name, work centre, mapped elements; form fields without empty ones', () => {
    expect(payload({ id: '42', fields: { ShiftId: 'DAY', 'form.Divisn': 'EMEA', 'form.Locatn': null } })).toStrictEqual({
      item: { Employee: 'BHR00042', Name: 'Ada Lovelace', WorkCentre: 'ENG1', ShiftId: 'DAY' },
      form: form(['Status', 'A', 'Full-Time'], ['HirDat', 'D', '2024-02-05'], ['Divisn', 'A', 'EMEA']),
    });
  });

  it('an update clears what BambooHR emptied; a preferred name only when the flow says so', () => {
    const p = op(s, { id: '7', kind: 'update', fields: { 'form.Locatn': null }, state: { preferredName: 'Addie' } });
    expect(p.payload).toStrictEqual({ item: { Employee: 'BHR00007', Name: 'Ada Lovelace', WorkCentre: 'ENG1' }, form: form(['Status', 'A', 'Full-Time'], ['HirDat', 'D', '2024-02-05'], ['Locatn', 'A', null]) });
  });

  it('a termination by custom form: terminated status and date; a rehire clears the date', () => {
    const off = payload({ id: '9', kind: 'deactivate', state: { status: 'Inactive', terminationDate: '2026-11-20' } });
    expect(off).toStrictEqual({ item: { Employee: 'BHR00009', Name: 'Ada Lovelace', WorkCentre: 'ENG1' }, form: form(['Status', 'A', 'Terminated'], ['HirDat', 'D', '2024-02-05'], ['TrmDat', 'D', '2026-11-20']) });
    const back = payload({ id: '9', kind: 'reactivate' });
    expect(back.form?.values.find((v) => v.field === 'TrmDat')).toStrictEqual({ field: 'TrmDat', type: 'D', value: null });
    expect(back.form?.values.find((v) => v.field === 'Status')?.value).toBe('Full-Time');
  });

  it('termination: inactiveWorkCentre moves the employee; termination: delete sends the key alone', () => {
    const moved = payload({ id: '9', kind: 'deactivate', options: { termination: 'inactiveWorkCentre', inactiveWorkCentre: 'INACTIVE' } });
    expect(moved.item).toStrictEqual({ Employee: 'BHR00009', Name: 'Ada Lovelace', WorkCentre: 'INACTIVE' });
    expect(payload({ id: '9', kind: 'deactivate', options: { termination: 'delete' } })).toStrictEqual({ item: { Employee: 'BHR00009' }, delete: true });
    expect(payload({ id: '9', kind: 'update', options: { termination: 'delete', customForm: false } })).toStrictEqual({ item: { Employee: 'BHR00009', Name: 'Ada Lovelace', WorkCentre: 'ENG1' } });
  });

  it('pay as an hourly cost under "pay" (redacted by the default audit.redact), the payroll number where the schema has it', () => {
    const withPay = settings('http://x/SYSPROWCFService/Rest', { employee: { payrollNumber: 'PayrollEmp' } });
    const p = op(withPay, { id: '5', state: { payRate: '65000.00', payPer: 'Year', employeeNumber: 'E-5' }, options: { compensation: { element: 'Rates1' } } }).payload as unknown as SysproPayload;
    expect(p.item).toMatchObject({ PayrollEmp: 'E-5' });
    expect(p.pay).toStrictEqual({ Rates1: '31.25' });
    expect(hourlyCost({ rate: '27.5', currency: 'USD', type: 'Hourly', per: 'Hour' }, 2080)).toBe('27.50');
    expect(hourlyCost({ rate: '5200', currency: null, type: 'Salary', per: 'Month' }, 2080)).toBe('30.00');
    expect(hourlyCost({ rate: '1000', currency: null, type: 'Salary', per: 'Week' }, 2000)).toBe('26.00');
    expect(hourlyCost({ rate: '900', currency: null, type: 'Salary', per: 'Pay Period' }, 2080)).toBeNull();
    expect(hourlyCost(null, 2080)).toBeNull();
  });

  it('cuts a name to the BOMSEC column (by characters, not UTF-16 units)', () => {
    const p = payload({ id: '1', state: { firstName: 'Ä'.repeat(30), lastName: 'Ö'.repeat(30) } });
    expect([...p.item['Name']!]).toHaveLength(50);
  });
});

describe('SYSPRO documents', () => {
  it('one BOMSEC item with the pay merged in; COMSFM items keyed by form type, employee and field, values by type', () => {
    const p: SysproPayload = { item: { Employee: 'BHR00001', Name: "Siobhán O'Brien" }, pay: { EmployeeActCost: '31.25' }, form: form(['Status', 'A', 'Full-Time'], ['TrmDat', 'D', null]) };
    expect(employeeItem(0, p, s).xml).toBe('<Item><Key><Employee>BHR00001</Employee></Key><Name>Siobhán O&apos;Brien</Name><EmployeeActCost>31.25</EmployeeActCost></Item>');
    expect(formItems(3, p, 'BHR00001').map((i) => [i.op, i.xml])).toEqual([
      [3, '<Item><Key><FormType>BEM</FormType><KeyField>BHR00001</KeyField><FieldName>Status</FieldName></Key><AlphaValue>Full-Time</AlphaValue></Item>'],
      [3, '<Item><Key><FormType>BEM</FormType><KeyField>BHR00001</KeyField><FieldName>TrmDat</FieldName></Key><DateValue/></Item>'],
    ]);
    expect(employeeItem(0, { item: { Employee: 'X' }, delete: true }, s).xml).toBe('<Item><Key><Employee>X</Employee></Key></Item>');
  });

  it('packs items in order under the room left in the URL; an item too long alone is set apart', () => {
    const it = (op: number, size: number) => ({ op, key: [], xml: '', size });
    const packed = pack([it(0, 40), it(1, 50), it(2, 20), it(3, 200), it(4, 90)], 100, Number.POSITIVE_INFINITY);
    expect(packed.documents.map((d) => d.map((x) => x.op))).toEqual([[0, 1], [2], [4]]);
    expect(packed.oversized.map((x) => x.op)).toEqual([3]);
    expect(pack([it(0, 1), it(1, 1), it(2, 1)], 100, 2).documents.map((d) => d.length)).toEqual([2, 1]);
  });
});

describe('SYSPRO answers', () => {
  const m = itemMatchers(s);
  const sent = (...codes: string[]) => codes.map((c) => ({ key: [['Employee', c]] as Array<[string, string]> }));

  it('reads one verdict per item by key, errors inline under the element, lower-cased or not', () => {
    const body = `<?xml version="1.0" encoding="Windows-1252"?>
<setupbomemployee Language='05' Version='7.0.008'>
<item><key><employee>B</employee></key><employee><Value>B</Value><ErrorNumber>240020</ErrorNumber><ErrorDescription>Employee 'B' already exists</ErrorDescription></employee></item>
<item><key><employee>A</employee></key></item>
<Item><Key><Employee>C</Employee></Key><workcentre><Value>X</Value><ErrorNumber>240021</ErrorNumber><ErrorDescription>Work centre 'X' not found</ErrorDescription></workcentre></Item>
<StatusOfItems><RecordsRead>3</RecordsRead><RecordsInvalid>2</RecordsInvalid></StatusOfItems></setupbomemployee>
 `;
    expect(readSetupAnswer(body, sent('A', 'B', 'C'), m, 'test').verdicts).toEqual([
      { ok: true },
      { ok: false, kind: 'exists', message: "240020 Employee 'B' already exists (employee)" },
      { ok: false, kind: 'refused', message: "240021 Work centre 'X' not found (workcentre)" },
    ]);
  });

  it('falls back to positions without keys; counts it cannot explain make no item trusted', () => {
    const body = '<setupbomemployee><item/><item><name><ErrorDescription>bad</ErrorDescription></name></item><StatusOfItems><RecordsInvalid>1</RecordsInvalid></StatusOfItems></setupbomemployee>';
    expect(readSetupAnswer(body, sent('A', 'B'), m, 'test').verdicts.map((v) => v.ok)).toEqual([true, false]);
    const unexplained = '<setupbomemployee><item><key><employee>A</employee></key></item><StatusOfItems><RecordsInvalid>1</RecordsInvalid></StatusOfItems></setupbomemployee>';
    expect(readSetupAnswer(unexplained, sent('A', 'B'), m, 'test').verdicts.map((v) => (v.ok ? 'ok' : v.kind))).toEqual(['unanswered', 'unanswered']);
    expect(() => readSetupAnswer('<setupbomemployee><item>', sent('A'), m, 'test')).toThrow(/malformed XML/);
  });
});

describe('SYSPRO wire details', () => {
  it('keeps the session id verbatim: trailing spaces, JSON quotes removed (SYSPRO 8), a BOM or line end not', () => {
    expect(parseSessionId('3EA613166FE4BF47925DF1CEA14E910100  ')).toBe('3EA613166FE4BF47925DF1CEA14E910100  ');
    expect(parseSessionId('"\\"ABC00  \\""')).toBe('ABC00  ');
    expect(parseSessionId('"ABC00  "\r\n')).toBe('ABC00  ');
    expect(parseSessionId('\uFEFFABC00  ')).toBe('ABC00  ');
    expect(() => parseSessionId('  ')).toThrow(/without a session id/);
    expect(() => parseSessionId('<html><body>Proxy login</body></html>')).toThrow(/without a session id/);
  });

  it('decodes Windows-1252 (0x80 is €, which Node 20 gets wrong) and encodes spaces as %20, keeping / and :', () => {
    expect(decodeWindows1252(Buffer.from([0x80, 0x93, 0x94, 0xe9, 0x41]))).toBe('€“”éA');
    expect(encodeQueryValue("00  <a/>'b' c:d+e&f")).toBe('00%20%20%3Ca/%3E%27b%27%20c:d%2Be%26f');
  });
});
