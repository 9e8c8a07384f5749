// Shared helpers for the D365 simulator tests: real HTTP on 127.0.0.1, a real self-signed
// certificate (selfsigned), real signed client assertions (jose); no mocks.
import { createHash, createPrivateKey, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { generate } from 'selfsigned';
import { startD365Sim, type D365Sim, type D365SimOptions } from '../../src/sim/d365/index.js';

export const SECRET_APP = '11111111-1111-4111-8111-111111111111';
export const CERT_APP = '22222222-2222-4222-8222-222222222222';
export const UNMAPPED_APP = '33333333-3333-4333-8333-333333333333';
export const SECRET = 'sim~secret.value_123';

export interface TestCert {
  pem: string;
  privateKey: KeyObject;
  x5t: string;
  x5tS256: string;
}

export async function makeCert(): Promise<TestCert> {
  const r = await generate([{ name: 'commonName', value: 'mlc-d365-test' }], { keySize: 2048, algorithm: 'sha256' });
  const der = new X509Certificate(r.cert).raw;
  return {
    pem: r.cert,
    privateKey: createPrivateKey(r.private),
    x5t: createHash('sha1').update(der).digest('base64url'),
    x5tS256: createHash('sha256').update(der).digest('base64url'),
  };
}

export function startSim(cert: TestCert, opts: D365SimOptions = {}): Promise<D365Sim> {
  return startD365Sim({
    apps: [
      { clientId: SECRET_APP, secret: SECRET },
      { clientId: CERT_APP, certificatePem: cert.pem },
      { clientId: UNMAPPED_APP, secret: SECRET, mappedToUser: false },
    ],
    ...opts,
  });
}

/** A started simulator with a certificate app and a token of the secret app. */
export async function openSim(opts: D365SimOptions = {}): Promise<{ sim: D365Sim; token: string; cert: TestCert }> {
  const cert = await makeCert();
  const sim = await startSim(cert, opts);
  return { sim, token: await getToken(sim), cert };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

export interface AssertionOverrides {
  alg?: string;
  header?: Record<string, unknown>;
  iss?: string;
  sub?: string;
  aud?: string;
  exp?: number;
  nbf?: number;
  jti?: string | null;
  key?: KeyObject;
}

export async function assertion(sim: D365Sim, cert: TestCert, o: AssertionOverrides = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const alg = o.alg ?? 'RS256';
  const claims: Record<string, unknown> = { iss: o.iss ?? CERT_APP, sub: o.sub ?? CERT_APP, aud: o.aud ?? sim.tokenUrl, nbf: o.nbf ?? now, exp: o.exp ?? now + 600 };
  if (o.jti !== null) claims['jti'] = o.jti ?? randomUUID();
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', ...(o.header ?? { x5t: cert.x5t }) }).sign(o.key ?? cert.privateKey);
}

export async function tokenCall(sim: D365Sim, form: Record<string, string>, opts: { url?: string; method?: string } = {}): Promise<Answer> {
  const init: RequestInit = { method: opts.method ?? 'POST' };
  if (init.method === 'POST') {
    init.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    init.body = new URLSearchParams(form).toString();
  }
  return answer(await fetch(opts.url ?? sim.tokenUrl, init));
}

export const secretForm = (sim: D365Sim, over: Record<string, string> = {}): Record<string, string> => ({
  grant_type: 'client_credentials',
  client_id: SECRET_APP,
  client_secret: SECRET,
  scope: sim.scope,
  ...over,
});

export async function getToken(sim: D365Sim, clientId = SECRET_APP): Promise<string> {
  const res = await tokenCall(sim, secretForm(sim, { client_id: clientId }));
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return res.json<{ access_token: string }>().access_token;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export async function api(sim: D365Sim, method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
  let body: string | Buffer | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  return answer(await fetch(`${sim.url}${path}`, { method, headers, body }));
}

export async function control(sim: D365Sim, method: string, path: string, body?: unknown): Promise<Answer> {
  return answer(await fetch(`${sim.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }));
}

export interface ODataErrorBody {
  error: { code: string; message: string; innererror?: { message: string; type: string; stacktrace: string } };
}

export const errorOf = (a: Answer): ODataErrorBody['error'] => a.json<ODataErrorBody>().error;

/** `VendorsV2(dataAreaId='usmf',VendorAccountNumber='EMP-1')`, quotes doubled, URL-encoded. */
export function vendorKey(dataAreaId: string, account: string): string {
  const q = (v: string) => `'${v.replace(/'/g, "''")}'`;
  return `/data/VendorsV2(${encodeURIComponent(`dataAreaId=${q(dataAreaId)},VendorAccountNumber=${q(account)}`)})`;
}

export function person(account: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dataAreaId: 'usmf',
    VendorAccountNumber: account,
    VendorGroupId: 'EMPL',
    VendorPartyType: 'Person',
    PersonFirstName: 'Ada',
    PersonLastName: 'Lovelace',
    PrimaryEmailAddress: 'ada@example.com',
    ...extra,
  };
}
