// The wire around e.net: GET only, headers, path and parameter casing, Windows-1252 bytes,
// http.sys limits (414), WCF's 404/405 pages, and e.net exception 100000.
import { describe, expect, it } from 'vitest';
import { encodeCp1252, type SysproSim } from '../../src/sim/syspro/index.js';
import { addEmployees, call, comfnd, control, employee, logon, shareSim, startSim } from './helpers.js';

let sim: SysproSim;
let id: string;

shareSim((s, u) => {
  sim = s;
  id = u;
});

describe('HTTP', () => {
  it('answers with the recorded headers: octet-stream from Microsoft-HTTPAPI/2.0', async () => {
    const res = await call(sim, '/GetVersion');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('server')).toBe('Microsoft-HTTPAPI/2.0');
  });

  it('matches paths and parameter names regardless of case', async () => {
    for (const path of ['/logon', '/LOGON', '/Logon']) {
      const res = await call(sim, path, { operator: 'mlc', operatorpassword: 'mlc-operator-pw', COMPANYID: 'edu1', CompanyPassword: '' });
      expect(res.text).toMatch(/^[0-9A-F]{34} {2}$/);
    }
    id = await logon(sim);
    const res = await fetch(`${sim.url}/sysprowcfservice/REST/query/QUERY?userid=${encodeURIComponent(id)}&businessobject=comfnd&xmlin=${encodeURIComponent('<Query><TableName>BomCostCentre</TableName></Query>')}`);
    expect(await res.text()).toContain('<BomCostCentre ');
  });

  it('is GET-only: other methods get WCF 405 with Allow: GET', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await call(sim, '/Logon', {}, method);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET');
      expect(res.text).toContain('Method not allowed.');
    }
  });

  it("answers an unknown operation with WCF's 404 and a path outside the service with http.sys's", async () => {
    const unknown = await call(sim, '/NoSuchThing');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Endpoint not found.');
    const outside = await fetch(`${sim.url}/elsewhere`);
    expect(outside.status).toBe(404);
    expect(await outside.text()).toContain('HTTP Error 404. The requested resource is not found.');
  });
});

describe('Windows-1252', () => {
  it('encodes é ü ñ € as single bytes and what the code page lacks as ?', () => {
    expect([...encodeCp1252('éüñ€')]).toEqual([0xe9, 0xfc, 0xf1, 0x80]);
    expect([...encodeCp1252('Š‰—™Ÿ')]).toEqual([0x8a, 0x89, 0x97, 0x99, 0x9f]);
    expect([...encodeCp1252('a😀Łb')]).toEqual([0x61, 0x3f, 0x3f, 0x62]);
  });

  it('sends XML bodies as Windows-1252 bytes under a Windows-1252 declaration', async () => {
    await addEmployees(sim, id, [employee('CP1', { Name: 'Renée Müller-Ñúñez €' })]);
    const res = await comfnd(sim, id, '<TableName>BomEmployee</TableName><Columns><Column>Name</Column></Columns>');
    expect(res.text.startsWith('<?xml version="1.0" encoding="Windows-1252"?>\n')).toBe(true);
    const name = Buffer.from('<Name>Ren\u00e9e M\u00fcller-\u00d1\u00fa\u00f1ez ', 'latin1');
    const at = res.bytes.indexOf(name);
    expect(at).toBeGreaterThan(0);
    expect(res.bytes[at + name.length]).toBe(0x80);
    expect(Number(res.headers.get('content-length'))).toBe(res.bytes.length);
  });

  it('stores what Windows-1252 cannot hold as ?, as a non-Unicode column would', async () => {
    await addEmployees(sim, id, [employee('CP2', { Name: 'Łukasz 李' })]);
    expect(sim.employees().find((e) => e.Employee === 'CP2')?.Name).toBe('?ukasz ?');
  });
});

describe('http.sys request limits', () => {
  const padded = (length: number): string => {
    const base = `${sim.restUrl}/GetVersion?pad=`;
    return base + 'a'.repeat(length - (base.length - sim.url.length));
  };

  it('refuses a request URL over 16 KB with 414 Request URL Too Long, and takes one at the limit', async () => {
    const ok = await fetch(padded(16 * 1024));
    expect(ok.status).toBe(200);
    const res = await fetch(padded(16 * 1024 + 1));
    expect(res.status).toBe(414);
    expect(res.headers.get('server')).toBe('Microsoft-HTTPAPI/2.0');
    expect(res.headers.get('content-type')).toBe('text/html; charset=us-ascii');
    const text = await res.text();
    expect(text).toContain('<TITLE>Request URL Too Long</TITLE>');
    expect(text).toContain('HTTP Error 414. The request URL is too long.');
    expect(sim.stats.urlTooLong).toBe(1);
    expect(sim.requests.at(-1)?.status).toBe(414);
  });

  it('answers 414 even for a URL beyond what the HTTP parser would take', async () => {
    const res = await fetch(padded(300 * 1024));
    expect(res.status).toBe(414);
  });

  it('takes the limit and MaxRequestBytes as options', async () => {
    const small = await startSim({ maxUrlBytes: 100, maxRequestBytes: 2000 });
    try {
      expect((await fetch(`${small.restUrl}/GetVersion?x=${'a'.repeat(100)}`)).status).toBe(414);
      expect((await fetch(`${small.restUrl}/GetVersion`)).status).toBe(200);
      const big = await fetch(`${small.restUrl}/GetVersion`, { headers: { 'X-Padding': 'p'.repeat(2000) } });
      expect(big.status).toBe(400);
      expect(await big.text()).toContain('Bad Request - Request Too Long');
    } finally {
      await small.close();
    }
  });
});

describe('e.net exception 100000', () => {
  it('answers an unknown business object as ERROR text in a 200', async () => {
    const res = await call(sim, '/Setup/Add', { UserId: id, BusinessObject: 'PAYSEM', XmlParameters: '', XmlIn: '<SetupPayEmployee/>' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('ERROR: e.net exception raised: 100000');
    expect((await call(sim, '/Query/Query', { UserId: id, BusinessObject: 'BOMSEC', XmlIn: '<Query/>' })).text).toContain('100000');
    expect((await call(sim, '/Transaction/Post', { UserId: id, BusinessObject: 'WIPTLP', XmlParameters: '', XmlIn: '<PostLabour/>' })).text).toContain('100000');
  });

  it('answers a business object the licence lacks the same way (handle and control API)', async () => {
    sim.setLicensedBusinessObjects(['COMFND', 'BOMSCC']);
    expect((await addEmployees(sim, id, [employee('LIC1')])).text).toBe('ERROR: e.net exception raised: 100000');
    expect((await control(sim, 'POST', '/_sim/licences', { businessObjects: ['COMFND', 'bomsec'] })).status).toBe(200);
    expect((await addEmployees(sim, id, [employee('LIC1')])).text).toContain('<RecordsInvalid>0</RecordsInvalid>');
    expect((await control(sim, 'GET', '/_sim/state')).json<{ licensedBusinessObjects: string[] }>().licensedBusinessObjects).toEqual(['BOMSEC', 'COMFND']);
    expect(sim.stats.unknownBusinessObject).toBeGreaterThanOrEqual(4);
  });
});
