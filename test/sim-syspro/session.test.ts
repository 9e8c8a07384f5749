// Logon, Logoff, GetVersion and the life of a session (erps.md §1.3): one per operator,
// eviction by a second logon or a person, idle timeout, dead ids on every call class.
import { afterEach, describe, expect, it } from 'vitest';
import type { SysproSim } from '../../src/sim/syspro/index.js';
import { DEFAULT_MESSAGES } from '../../src/sim/syspro/index.js';
import { call, comfnd, COMPANY, control, employee, addEmployees, logon, OPERATOR, PASSWORD, sleep, startSim } from './helpers.js';

let sim: SysproSim;
afterEach(() => sim.close());

const WORK_CENTRES = '<TableName>BomWorkCentre</TableName><Columns><Column>WorkCentre</Column></Columns>';

describe('Logon', () => {
  it('returns 34 hex digits and two spaces as raw text (test_logon.yml)', async () => {
    sim = await startSim();
    const res = await call(sim, '/Logon', { Operator: OPERATOR, OperatorPassword: PASSWORD, CompanyId: COMPANY, CompanyPassword: '' });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^[0-9A-F]{34} {2}$/);
    expect(res.headers.get('content-length')).toBe('36');
    expect(sim.stats.logons).toBe(1);
    expect(sim.stats.activeSessions).toBe(1);
  });

  it('can answer in the SYSPRO 8 JSON-quoted form', async () => {
    sim = await startSim({ logonFormat: 'json' });
    const res = await call(sim, '/Logon', { Operator: OPERATOR, OperatorPassword: PASSWORD, CompanyId: COMPANY, CompanyPassword: '' });
    const id = JSON.parse(res.text) as string;
    expect(res.text.startsWith('"')).toBe(true);
    expect(id).toMatch(/^[0-9A-F]{34} {2}$/);
    expect((await comfnd(sim, id, WORK_CENTRES)).text).toContain('<BomWorkCentre');
  });

  it('refuses bad credentials with ERROR text in an HTTP 200', async () => {
    sim = await startSim({ companies: { EDU1: 'co-pw' } });
    const attempt = (o: Record<string, string>) => call(sim, '/Logon', { Operator: OPERATOR, OperatorPassword: PASSWORD, CompanyId: COMPANY, CompanyPassword: 'co-pw', ...o });
    const bad = await attempt({ OperatorPassword: 'bad_password' });
    expect(bad.status).toBe(200);
    expect(bad.text).toBe('ERROR: Invalid operator password');
    expect(bad.headers.get('content-length')).toBe('32');
    expect((await attempt({ Operator: 'NOBODY' })).text).toBe("ERROR: Invalid operator 'NOBODY'");
    expect((await attempt({ CompanyId: 'ZZ' })).text).toBe("ERROR: Invalid company 'ZZ'");
    expect((await attempt({ CompanyPassword: '' })).text).toBe('ERROR: Invalid company password');
    expect(sim.stats.logonFailures).toBe(4);
    expect(sim.stats.activeSessions).toBe(0);
  });
});

describe('one session per operator', () => {
  it('a second logon by the same operator evicts the first; other operators keep theirs', async () => {
    sim = await startSim({ operators: { MLC: PASSWORD, OTHER: 'other-pw' } });
    const first = await logon(sim);
    const other = await logon(sim, { Operator: 'OTHER', OperatorPassword: 'other-pw' });
    const second = await logon(sim);
    expect(second).not.toBe(first);
    expect((await comfnd(sim, first, WORK_CENTRES)).text).toBe(DEFAULT_MESSAGES.invalidSession);
    expect((await comfnd(sim, second, WORK_CENTRES)).text).toContain('<BomWorkCentre');
    expect((await comfnd(sim, other, WORK_CENTRES)).text).toContain('<BomWorkCentre');
    expect(sim.stats.evictions).toBe(1);
    expect(sim.stats.activeSessions).toBe(2);
  });

  it('a person logging on with the operator (handle or control API) ends the service session', async () => {
    sim = await startSim();
    const id = await logon(sim);
    sim.humanLogon();
    expect((await comfnd(sim, id, WORK_CENTRES)).text).toBe(DEFAULT_MESSAGES.invalidSession);
    expect(sim.sessions()).toMatchObject([{ operator: OPERATOR, human: true }]);
    const again = await logon(sim);
    expect((await control(sim, 'POST', '/_sim/sessions/human-logon', { operator: 'mlc' })).status).toBe(200);
    expect((await addEmployees(sim, again, [employee('E1')])).text).toBe(DEFAULT_MESSAGES.invalidSession);
    // The service's second logon evicted the person too: three evictions in all.
    expect(sim.stats).toMatchObject({ humanLogons: 2, evictions: 3, logons: 2 });
    expect((await control(sim, 'POST', '/_sim/sessions/human-logon', { operator: 'NOBODY' })).status).toBe(400);
  });

  it('a session id must come back verbatim: trimmed, it is unknown', async () => {
    sim = await startSim();
    const id = await logon(sim);
    expect((await comfnd(sim, id.trim(), WORK_CENTRES)).text).toBe(DEFAULT_MESSAGES.invalidSession);
    expect((await comfnd(sim, id, WORK_CENTRES)).text).toContain('<RowsReturned>');
  });
});

describe('dead sessions', () => {
  it('an idle session expires on the real clock; use restarts the clock', async () => {
    sim = await startSim({ sessionIdleTimeoutMs: 400 });
    const id = await logon(sim);
    await sleep(250);
    expect((await comfnd(sim, id, WORK_CENTRES)).text).toContain('<RowsReturned>');
    await sleep(250);
    expect((await comfnd(sim, id, WORK_CENTRES)).text).toContain('<RowsReturned>');
    await sleep(600);
    expect(sim.stats.activeSessions).toBe(0);
    expect((await comfnd(sim, id, WORK_CENTRES)).text).toBe(DEFAULT_MESSAGES.invalidSession);
    expect(sim.stats.expirations).toBe(1);
  });

  it('answers Query, Setup and Transaction calls on a dead id with the configured ERROR text', async () => {
    sim = await startSim({ messages: { invalidSession: 'ERROR: session gone' } });
    const id = await logon(sim);
    sim.expireSessions();
    const q = { UserId: id, BusinessObject: 'BOMSEC', XmlIn: '<SetupBomEmployee/>' };
    for (const path of ['/Query/Query', '/Query/Fetch', '/Setup/Add', '/Setup/Update', '/Setup/Delete', '/Transaction/Post', '/Transaction/Build']) {
      const res = await call(sim, path, q);
      expect([path, res.status, res.text]).toEqual([path, 200, 'ERROR: session gone']);
    }
    expect(sim.stats.invalidSessionCalls).toBe(7);
  });

  it('idle timeout and expiry are also set through the control API', async () => {
    sim = await startSim();
    const id = await logon(sim);
    expect((await control(sim, 'POST', '/_sim/sessions/expire', {})).status).toBe(200);
    expect((await comfnd(sim, id, WORK_CENTRES)).text).toBe(DEFAULT_MESSAGES.invalidSession);
    expect((await control(sim, 'POST', '/_sim/sessions/idle-timeout', { ms: 50 })).status).toBe(200);
    const next = await logon(sim);
    await sleep(200);
    expect((await comfnd(sim, next, WORK_CENTRES)).text).toBe(DEFAULT_MESSAGES.invalidSession);
    expect((await control(sim, 'POST', '/_sim/sessions/idle-timeout', { ms: 0 })).status).toBe(400);
  });
});

describe('Logoff and GetVersion', () => {
  it('Logoff answers 0, then the recorded BaseDir8 error for the same (now dead) id', async () => {
    sim = await startSim();
    const id = await logon(sim);
    expect((await call(sim, '/Logoff', { UserId: id })).text).toBe('0');
    const again = await call(sim, '/logoff', { UserId: id });
    expect(again.text).toBe('ERROR: Unable to read the SYSPRO base directory registry string BaseDir8');
    expect(again.headers.get('content-length')).toBe('72');
    expect((await comfnd(sim, id, WORK_CENTRES)).text).toBe(DEFAULT_MESSAGES.invalidSession);
    expect(sim.stats).toMatchObject({ logons: 1, logoffs: 1, logoffFailures: 1, activeSessions: 0 });
  });

  it('GetVersion needs no session', async () => {
    sim = await startSim();
    expect((await call(sim, '/getversion')).text).toBe('7.0.0.6');
    await sim.close();
    sim = await startSim({ version: '8.0.0.1' });
    expect((await call(sim, '/GetVersion')).text).toBe('8.0.0.1');
  });
});
