// COMFND through Query/Query and COMFCH through Query/Fetch on the cost-centre, work-centre
// and employee tables (erps.md §1.4; response shape of test_query_query.yml).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SysproSim } from '../../src/sim/syspro/index.js';
import { addEmployees, call, comfnd, employee, logon, parseXml, startSim, type Xml } from './helpers.js';

let sim: SysproSim;
let id: string;

beforeAll(async () => {
  sim = await startSim();
  id = await logon(sim);
  await addEmployees(sim, id, [
    employee('E100', { Name: 'Ada', WorkCentre: 'ENG1', Rates1: '40' }),
    employee('E200', { Name: 'Bob', WorkCentre: 'ENG2', Rates1: '25.5' }),
    employee('E300', { Name: 'Cy', WorkCentre: 'SAL1', Rates1: '30' }),
  ]);
});
afterAll(() => sim.close());

const rows = (text: string, table: string): Xml[] => ((parseXml(text)[table] as Xml)['Row'] as Xml[] | undefined) ?? [];

const where = (...expressions: string[]): string => `<Where>${expressions.join('')}</Where>`;
const expr = (column: string, condition: string, value: string, extra = ''): string =>
  `<Expression>${extra}<Column>${column}</Column><Condition>${condition}</Condition><Value>${value}</Value></Expression>`;

describe('COMFND', () => {
  it('answers the recorded shape: table-named root, HeaderDetails, Row, space-padded RowsReturned', async () => {
    const res = await comfnd(sim, id, '<TableName>BomCostCentre</TableName><ReturnRows>500</ReturnRows><Columns><Column>CostCentre</Column><Column>Description</Column></Columns><OrderBy><Column>CostCentre</Column></OrderBy>' + where(expr('CostCentre', 'EQ', 'FIN', '<OpenBracket>(</OpenBracket><AndOr>And</AndOr>').replace('</Expression>', '<CloseBracket>)</CloseBracket></Expression>')));
    expect(res.text).toBe(
      '<?xml version="1.0" encoding="Windows-1252"?>\n' +
        "<BomCostCentre Language='05' Language2='EN' CssStyle='' DecFormat='1' DateFormat='01' Role='01' Version='7.0.008' OperatorPrimaryRole='   '>\n" +
        '<HeaderDetails>\n<TableName>BomCostCentre</TableName>\n<Columns>\n<Column>CostCentre</Column>\n<Column>Description</Column>\n</Columns>\n' +
        '<OrderBy>\n<Column>CostCentre</Column>\n</OrderBy>\n</HeaderDetails>\n' +
        '<Row>\n<CostCentre>FIN</CostCentre>\n<Description>Finance</Description>\n</Row>\n' +
        '<RowsReturned>       1</RowsReturned>\n</BomCostCentre>\n ',
    );
  });

  it('lists every cost centre and work centre of the seed, in key order', async () => {
    const cc = rows((await comfnd(sim, id, '<TableName>BomCostCentre</TableName>')).text, 'BomCostCentre');
    expect(cc.map((r) => r['CostCentre'])).toEqual([...cc.map((r) => String(r['CostCentre']))].sort());
    expect(cc.find((r) => r['CostCentre'] === 'RND')?.['Description']).toBe('Research & Development');
    const wc = rows((await comfnd(sim, id, '<TableName>BomWorkCentre</TableName><Columns><Column>WorkCentre</Column><Column>CostCentre</Column></Columns>')).text, 'BomWorkCentre');
    expect(wc).toContainEqual({ WorkCentre: 'ORPHAN', CostCentre: 'NOCC' });
    expect(wc).toContainEqual({ WorkCentre: 'INACTIVE', CostCentre: 'INACT' });
    expect(Object.keys(wc[0] ?? {})).toEqual(['WorkCentre', 'CostCentre']);
  });

  it('reads employees with all columns (numbers space-padded) and filters with EQ/NE/LT/GT/LIKE', async () => {
    const res = await comfnd(sim, id, '<TableName>BomEmployee</TableName><AllColumns>Y</AllColumns>' + where(expr('Employee', 'EQ', 'E200')));
    const all = rows(res.text, 'BomEmployee');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ Employee: 'E200', Name: 'Bob', WorkCentre: 'ENG2', ShiftId: '' });
    expect(res.text).toContain('<Rates1>        25.50000</Rates1>\n<Rates2>         0.00000</Rates2>');
    const codes = async (...e: string[]): Promise<unknown[]> =>
      rows((await comfnd(sim, id, '<TableName>BomEmployee</TableName><Columns><Column>Employee</Column></Columns>' + where(...e))).text, 'BomEmployee').map((r) => r['Employee']);
    expect(await codes(expr('WorkCentre', 'NE', 'ENG1'), expr('Employee', 'LIKE', 'E%', '<AndOr>And</AndOr>'))).toEqual(['E200', 'E300']);
    expect(await codes(expr('Rates1', 'GT', '26'))).toEqual(['E100', 'E300']);
    expect(await codes(expr('Employee', 'LT', 'E200'))).toEqual(['E100']);
    expect(await codes(expr('Employee', 'LIKE', 'E_00'))).toEqual(['E100', 'E200', 'E300']);
  });

  it('binds AND tighter than OR and honours brackets', async () => {
    const q = (e: string): Promise<string> => comfnd(sim, id, `<TableName>BomEmployee</TableName><Columns><Column>Employee</Column></Columns><Where>${e}</Where>`).then((r) => r.text);
    const a = expr('Employee', 'EQ', 'E100');
    const b = expr('Employee', 'EQ', 'E200', '<AndOr>Or</AndOr>');
    const c = expr('WorkCentre', 'EQ', 'SAL1', '<AndOr>And</AndOr>');
    // E100 OR (E200 AND SAL1) → E100 only.
    expect(rows(await q(a + b + c), 'BomEmployee').map((r) => r['Employee'])).toEqual(['E100']);
    const open = expr('Employee', 'EQ', 'E100', '<OpenBracket>(</OpenBracket>');
    const close = b.replace('</Expression>', '<CloseBracket>)</CloseBracket></Expression>');
    // (E100 OR E200) AND SAL1 → nothing.
    expect(rows(await q(open + close + c), 'BomEmployee')).toEqual([]);
    expect(await q(open + b)).toBe('ERROR: Unbalanced brackets in Where');
  });

  it('orders by the OrderBy columns and stops at ReturnRows', async () => {
    const res = await comfnd(sim, id, '<TableName>BomEmployee</TableName><ReturnRows>2</ReturnRows><Columns><Column>Employee</Column><Column>Name</Column></Columns><OrderBy><Column>Rates1</Column></OrderBy>');
    expect(rows(res.text, 'BomEmployee').map((r) => r['Employee'])).toEqual(['SYS001', 'E200']);
    expect(res.text).toContain('<RowsReturned>       2</RowsReturned>');
  });

  it('answers unknown tables and columns, bad conditions and bad XML with ERROR text', async () => {
    expect((await comfnd(sim, id, '<TableName>PayMaster</TableName>')).text).toBe("ERROR: Invalid table name 'PayMaster'");
    expect((await comfnd(sim, id, '<TableName>BomEmployee</TableName><Columns><Column>Salary</Column></Columns>')).text).toBe("ERROR: Invalid column name 'Salary' for table 'BomEmployee'");
    expect((await comfnd(sim, id, '<TableName>BomEmployee</TableName>' + where(expr('Employee', 'ZZ', 'x')))).text).toBe("ERROR: Invalid condition 'ZZ' in Where");
    const broken = await call(sim, '/Query/Query', { UserId: id, BusinessObject: 'COMFND', XmlIn: '<Query><TableName>BomEmployee</Query>' });
    expect(broken.status).toBe(200);
    expect(broken.text).toMatch(/^ERROR: XmlIn is not well-formed/);
  });

  it('uses configured table names', async () => {
    const other = await startSim({ tableNames: { workCentre: 'BomWorkCenter' } });
    try {
      const uid = await logon(other);
      expect((await comfnd(other, uid, '<TableName>BomWorkCenter</TableName>')).text).toContain('<BomWorkCenter ');
      expect((await comfnd(other, uid, '<TableName>BomWorkCentre</TableName>')).text).toMatch(/^ERROR: Invalid table name/);
    } finally {
      await other.close();
    }
  });
});

describe('COMFCH (Query/Fetch)', () => {
  it('returns one row by key under the table-named root, or ERROR text', async () => {
    const fetchXml = (key: string): string => `<Fetch><TableName>BomEmployee</TableName><Key>${key}</Key><FullKeyProvided>Y</FullKeyProvided></Fetch>`;
    const res = await call(sim, '/Query/Fetch', { UserId: id, XmlIn: fetchXml('E300') });
    expect(parseXml(res.text)['BomEmployee']).toMatchObject({ Employee: 'E300', Name: 'Cy', WorkCentre: 'SAL1' });
    expect((await call(sim, '/Query/Fetch', { UserId: id, XmlIn: fetchXml('NOPE') })).text).toBe("ERROR: Key 'NOPE' not found in table 'BomEmployee'");
  });
});
