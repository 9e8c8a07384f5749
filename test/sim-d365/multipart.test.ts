// The multipart/mixed and application/http reader behind $batch: nested boundaries, CRLF and
// bare LF, bodies holding "--" and boundary look-alikes, preamble/epilogue, quoted boundaries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, parseHttpRequest, parseMultipart } from '../../src/sim/d365/multipart.js';
import type { D365Sim } from '../../src/sim/d365/index.js';
import { parseBatchAnswer } from './batch-helpers.js';
import { api, getToken, makeCert, person, startSim } from './helpers.js';

const buf = (s: string) => Buffer.from(s, 'utf8');

describe('parseMultipart', () => {
  it('splits parts, ignores preamble and epilogue, keeps bodies byte-exact', () => {
    const text = 'preamble\r\n--b\r\nContent-Type: text/plain\r\n\r\nfirst\r\n--b\r\nX-A: 1\r\n\r\nsecond\r\nline\r\n--b--\r\nepilogue';
    const parts = parseMultipart(buf(text), 'b');
    expect(parts.map((p) => [p.headers, p.body.toString()])).toEqual([
      [{ 'content-type': 'text/plain' }, 'first'],
      [{ 'x-a': '1' }, 'second\r\nline'],
    ]);
  });

  it('treats "--", "--b-x" and "x--b" inside a body as content', () => {
    const body = '{"a":"--","b":"--bx","c":"x--b"}\r\n--bogus\r\n----b';
    const parts = parseMultipart(buf(`--b\r\n\r\n${body}\r\n--b--`), 'b');
    expect(parts).toHaveLength(1);
    expect(parts[0]?.body.toString()).toBe(body);
  });

  it('reads nested changesets with their own boundary', () => {
    const inner = '--cs\r\nContent-Type: application/http\r\n\r\nPOST VendorsV2 HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{"x":1}\r\n--cs--';
    const outer = `--batch\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n${inner}\r\n--batch--\r\n`;
    const [cs] = parseMultipart(buf(outer), 'batch');
    expect(boundaryOf(cs?.headers['content-type'])).toBe('cs');
    const [op] = parseMultipart(cs?.body ?? Buffer.alloc(0), 'cs');
    const req = parseHttpRequest(op?.body ?? Buffer.alloc(0));
    expect(req).toMatchObject({ method: 'POST', target: 'VendorsV2', headers: { 'content-type': 'application/json' } });
    expect(req.body.toString()).toBe('{"x":1}');
  });

  it('accepts bare LF line breaks and transport padding after a delimiter', () => {
    const parts = parseMultipart(buf('--b  \nA: 1\n\nbody\n--b--\n'), 'b');
    expect(parts.map((p) => [p.headers['a'], p.body.toString()])).toEqual([['1', 'body']]);
  });

  it('parses quoted boundaries and refuses broken bodies', () => {
    expect(boundaryOf('multipart/mixed; boundary="batch 1"')).toBe('batch 1');
    expect(boundaryOf('application/json')).toBeUndefined();
    expect(() => parseMultipart(buf('no delimiter'), 'b')).toThrow(MultipartError);
    expect(() => parseMultipart(buf('--b\r\n\r\nbody'), 'b')).toThrow(/does not end/);
    expect(() => parseMultipart(buf('--b\r\nno colon\r\n\r\nx\r\n--b--'), 'b')).toThrow(/malformed header/);
    expect(() => parseHttpRequest(buf('GARBAGE\r\n\r\n'))).toThrow(/request line/);
  });
});

describe('over HTTP', () => {
  let sim: D365Sim;
  let token: string;
  beforeAll(async () => {
    sim = await startSim(await makeCert());
    token = await getToken(sim);
  });
  afterAll(() => sim.close());

  it('runs a LF-only batch whose JSON body contains the boundary text', async () => {
    const vendor = person('MP-1', { Notes: 'line --batch_x and --changeset_y --' });
    const body = [
      '--batch_x',
      'Content-Type: multipart/mixed; boundary=changeset_y',
      '',
      '--changeset_y',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 1',
      '',
      'POST /data/VendorsV2 HTTP/1.1',
      'Content-Type: application/json',
      '',
      JSON.stringify(vendor),
      '--changeset_y--',
      '--batch_x--',
      '',
    ].join('\n');
    const res = await api(sim, 'POST', '/data/$batch', { token, rawBody: body, headers: { 'Content-Type': 'multipart/mixed; boundary=batch_x' } });
    expect(res.status).toBe(200);
    const [cs] = parseBatchAnswer(res.text, res.headers.get('content-type') ?? '');
    expect(cs?.parts[0]).toMatchObject({ contentId: '1', status: 201 });
    expect(sim.state.vendor('usmf', 'MP-1')?.['Notes']).toBe('line --batch_x and --changeset_y --');
  });
});
