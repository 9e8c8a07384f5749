// The SYSPRO session under what happens to it on a working day: a person logging on with the
// service's operator mid-batch, idle timeouts (renewed before, or after SYSPRO ended it),
// e.net answering ERROR, WCF's 500, http.sys's 503 and 414, an unlicensed business object, a
// wrong URL, calls arriving together (serialised per operator), a stop, and the customer's own
// certificate trusted by CA file or pinned fingerprint (never by turning checks off).
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { generate } from 'selfsigned';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { trustedAgent } from '../../src/http/tls.js';
import { scrub } from '../../src/log/redact.js';
import { startSysproSim, type SysproSim, type SysproSimOptions } from '../../src/sim/syspro/index.js';
import { useTempDir } from '../helpers/tmp.js';
import { calls, connect, op, settings, type Connected } from './syspro-helpers.js';

const tmp = useTempDir();
const sims: SysproSim[] = [];
const open: Connected[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close().catch(() => undefined);
  for (const s of sims.splice(0)) await s.close();
});

async function setup(simOpts: SysproSimOptions = {}, over: Record<string, unknown> = {}, stop?: AbortSignal) {
  const sim = await startSysproSim(simOpts);
  sims.push(sim);
  const s = settings(String(over['baseUrl'] ?? sim.restUrl), over);
  const c = await connect(s, undefined, stop);
  open.push(c);
  return { sim, s, c, session: c.session };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const oks = (out: Array<{ ok: boolean }>) => out.map((o) => o.ok);

describe('SYSPRO session life', () => {
  it('a person logging on mid-batch evicts the session: the call is sent again on a new one, nothing lost', async () => {
    const { sim, s, session } = await setup();
    sim.setFaults({ failNext: [{ kind: 'evict', pathPrefix: '/SYSPROWCFService/Rest/Setup/Add', businessObject: 'COMSFM' }] });
    expect(oks(await session.applyBatch([op(s, { id: '1' }), op(s, { id: '2' })]))).toEqual([true, true]);
    expect(sim.stats).toMatchObject({ logons: 2, humanLogons: 1, evictions: 2, invalidSessionCalls: 1 });
    expect(sim.customFormValues().filter((v) => v.KeyField.startsWith('BHR'))).toHaveLength(4);
  });

  // mlc knowing the timeout renews first (no ERROR); mlc thinking it is 30 minutes renews on SYSPRO's ERROR.
  for (const c of [
    { name: 'renews a session before the idle timeout would end it', sim: 300, mlc: '300ms', invalid: 0 },
    { name: 'a session SYSPRO timed out first is renewed on its ERROR answer and the call sent again', sim: 200, mlc: '30m', invalid: 1 },
  ]) {
    it(c.name, async () => {
      const { sim, s, session } = await setup({ sessionIdleTimeoutMs: c.sim }, { sessionIdleTimeout: c.mlc });
      await session.applyBatch([op(s, { id: '1' })]);
      await sleep(c.sim + 150);
      expect(oks(await session.applyBatch([op(s, { id: '2' })]))).toEqual([true]);
      expect(sim.stats).toMatchObject({ logons: 2, invalidSessionCalls: c.invalid });
    });
  }

  it('serialises calls on the operator\'s session, whoever makes them', async () => {
    const { sim, s, session } = await setup({ latencyMs: 15 });
    await Promise.all([session.ping(), session.references(['workCentre']), session.applyBatch([op(s, { id: '1' })]), session.applyBatch([op(s, { id: '2' })]), session.selfCheck!([])]);
    expect(sim.stats.maxInFlightPerSession).toBe(1);
    expect(sim.stats.logons).toBe(1);
  });

  it('logs off once at the end; a session already ended is no failure; the id never reaches a log line', async () => {
    const { sim, c } = await setup();
    await c.session.ping();
    const id = sim.sessions()[0]!.userId;
    expect(id).toMatch(/^[0-9A-F]{34} {2}$/);
    expect(scrub(`UserId=${id}|${id.trim()}`)).not.toContain(id.trim());
    sim.humanLogon();
    await c.session.close();
    expect(sim.stats).toMatchObject({ logoffs: 0, logoffFailures: 1 });
    await c.session.close(); // nothing left to end
    expect(sim.stats.logoffFailures).toBe(1);
  });

  it('takes a JSON-quoted session id (SYSPRO 8) and sends it back as it was inside the quotes', async () => {
    const { sim, s, session } = await setup({ logonFormat: 'json' });
    expect(oks(await session.applyBatch([op(s, { id: '1' })]))).toEqual([true]);
    expect(sim.stats.invalidSessionCalls).toBe(0);
  });

  it('a stopped run renews nothing: the call that needs a new session fails as interrupted', async () => {
    const stop = new AbortController();
    const { sim, s, session } = await setup({}, {}, stop.signal);
    await session.ping();
    stop.abort('SIGTERM');
    sim.humanLogon();
    await expect(session.applyBatch([op(s, { id: '1' })])).rejects.toMatchObject({ code: 'interrupted' });
  });
});

describe('SYSPRO failures, classified', () => {
  it('ERROR even on a fresh session fails that document\'s records for this run; WCF\'s 500 too', async () => {
    const { sim, s, session } = await setup();
    sim.setFaults({ failNext: [{ kind: 'text', text: 'ERROR: Record is locked by another operator', businessObject: 'BOMSEC', times: 2 }] });
    const locked = await session.applyBatch([op(s, { id: '1' }), op(s, { id: '2' })]);
    expect(locked.map((o) => (o.ok ? 'ok' : `${o.error.code}: ${o.error.message}`))).toEqual(Array(2).fill('record_failed: labour employee BHR0000X: SYSPRO refused the BOMSEC document: ERROR: Record is locked by another operator').map((m: string, i) => m.replace('X', String(i + 1))));
    sim.setFaults({ failNext: [{ kind: '500', businessObject: 'COMSFM' }] });
    const [o] = await session.applyBatch([op(s, { id: '3' })]);
    expect(o!.ok ? '' : `${o!.error.code}: ${o!.error.message}`).toBe('record_failed: custom form field Status of BHR00003 (the labour employee itself was written): SYSPRO could not process the COMSFM document (HTTP 500: The server encountered an error processing the request. See server logs for more details.)');
  });

  it('a 503 that outlasts the retries is an outage (exit 3); a wrong URL and an unlicensed business object are setup errors (exit 2)', async () => {
    const { sim, s, session } = await setup();
    await session.ping();
    sim.setFaults({ failNext: [{ kind: '503', businessObject: 'BOMSEC', times: 5 }] });
    await expect(session.applyBatch([op(s, { id: '1' })])).rejects.toMatchObject({ code: 'unreachable' });
    sim.setFaults(undefined);
    sim.setLicensedBusinessObjects(['COMFND', 'COMSFM']);
    await expect(session.applyBatch([op(s, { id: '1' })])).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringContaining('ERROR: e.net exception raised: 100000'), hint: expect.stringContaining('e.net licence') });
    sim.setLicensedBusinessObjects([]);
    const fresh = await setup();
    fresh.sim.setLicensedBusinessObjects([]);
    await expect(fresh.session.references(['workCentre'])).rejects.toMatchObject({ code: 'config_invalid', details: { businessObject: 'COMFND' } });
    const wrong = await setup({}, { baseUrl: `${fresh.sim.url}/SYSPROWCFService` });
    await expect(wrong.session.ping()).rejects.toMatchObject({ code: 'config_invalid', hint: expect.stringContaining('/SYSPROWCFService/Rest') });
  });

  it('sizes documents by their encoded URL length under the configured limit', async () => {
    const { sim, s, session } = await setup({ maxUrlBytes: 4096 }, { maxUrlLength: 4096 });
    const out = await session.applyBatch(Array.from({ length: 40 }, (_, i) => op(s, { id: String(i + 1), fields: { 'form.Divisn': 'North America', 'form.Locatn': 'Vancouver, British Columbia' } })));
    expect(out.every((o) => o.ok)).toBe(true);
    expect(sim.stats.urlTooLong).toBe(0);
    expect(calls(sim).filter((c) => c === 'Setup/Add BOMSEC').length).toBeGreaterThan(1);
    expect(calls(sim).filter((c) => c === 'Setup/Add COMSFM').length).toBeGreaterThan(5);
  });

  it('a server whose limit is lower than configured: 414, then halves, and the limit learnt for the run', async () => {
    const { sim, s, session } = await setup({ maxUrlBytes: 3000 });
    const out = await session.applyBatch(Array.from({ length: 30 }, (_, i) => op(s, { id: String(i + 1) })));
    expect(out.every((o) => o.ok)).toBe(true);
    expect(sim.employees().filter((e) => e.Employee.startsWith('BHR'))).toHaveLength(30);
    const tooLong = sim.stats.urlTooLong;
    expect(tooLong).toBeGreaterThan(0);
    await session.applyBatch(Array.from({ length: 30 }, (_, i) => op(s, { id: String(i + 31) })));
    expect(sim.stats.urlTooLong).toBe(tooLong);
    const [big] = await session.applyBatch([op(s, { id: '99', fields: { ShiftId: 'X'.repeat(5000) } })]);
    expect(big!.ok ? '' : big!.error.message).toMatch(/^labour employee BHR00099: too long for one request to SYSPRO: \d+ bytes once encoded, over the URL limit of \d+/);
  });
});

async function tlsFront(sim: SysproSim): Promise<{ url: string; certPem: string; server: Server }> {
  const pems = await generate([{ name: 'commonName', value: 'syspro.example.local' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  // A TLS terminator in front of the simulator, as IIS or a reverse proxy would be.
  const server = createServer({ cert: pems.cert, key: pems.private }, (socket) => {
    const upstream = netConnect(sim.port, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `https://127.0.0.1:${port}/SYSPROWCFService/Rest`, certPem: pems.cert, server };
}

describe('SYSPRO over https', () => {
  it('checks a pinned certificate on every new connection, where a resumed TLS session would show none', async () => {
    const pems = await generate([{ name: 'commonName', value: 'syspro.example.local' }], { keyType: 'ec', algorithm: 'sha256', extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
    // Each answer ends its connection, so every request makes a new one (and could resume the session).
    const server = createServer({ cert: pems.cert, key: pems.private }, (socket) => socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\n7.0.0.6 ')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const agent = trustedAgent('syspro', { pinSha256: new X509Certificate(pems.cert).fingerprint256 });
      const url = `https://127.0.0.1:${(server.address() as { port: number }).port}/SYSPROWCFService/Rest/GetVersion`;
      for (let i = 0; i < 3; i++) expect((await request(url, { dispatcher: agent })).statusCode).toBe(200);
      await agent.close();
    } finally {
      server.close();
    }
  });

  it("trusts the customer's certificate by CA file or by pinned fingerprint, and nothing else", async () => {
    const sim = await startSysproSim();
    sims.push(sim);
    const front = await tlsFront(sim);
    try {
      const caFile = join(tmp(), 'syspro-ca.pem');
      writeFileSync(caFile, front.certPem);
      const pin = new X509Certificate(front.certPem).fingerprint256;
      for (const tls of [{ caFile }, { pinSha256: pin }]) {
        const c = await connect(settings(front.url, { tls }));
        expect(await c.session.ping()).toBe(`SYSPRO e.net 7.0.0.6: operator MLC logged on to company EDU1; server certificate SHA-256 ${pin}`);
        await c.close();
      }
      const untrusted = await connect(settings(front.url));
      await expect(untrusted.session.ping()).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('not trusted'), hint: expect.stringContaining(`tls.pinSha256: "${pin}"`) });
      const wrongPin = await connect(settings(front.url, { tls: { pinSha256: 'AB'.repeat(32) } }));
      await expect(wrongPin.session.ping()).rejects.toMatchObject({ code: 'auth_refused', message: expect.stringContaining('not the pinned') });
      await untrusted.close();
      await wrongPin.close();
      expect(sim.stats.logoffs).toBe(2);
    } finally {
      front.server.close();
    }
  });
});
