// Shared helpers for the NetSuite simulator tests: real HTTP on 127.0.0.1, real key pairs,
// real signed assertions; no mocks.
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { startNetSuiteSim, TOKEN_PATH, type NetSuiteSim, type NetSuiteSimOptions } from '../../src/sim/netsuite/index.js';

export const CLIENT_ID = 'e2b5c0ffee0000000000000000000000000000000000000000000000000001';
export const CERT_PS = 'cert-ps256-AbC';
export const CERT_ES = 'cert-es256-XyZ';

export interface TestKey {
  alg: string;
  privateKey: CryptoKey;
  publicKeyPem: string;
}

export async function makeKey(alg: string): Promise<TestKey> {
  const pair = await generateKeyPair(alg, alg.startsWith('PS') || alg.startsWith('RS') ? { modulusLength: 2048 } : {});
  return { alg, privateKey: pair.privateKey, publicKeyPem: await exportSPKI(pair.publicKey) };
}

export interface Keys {
  ps: TestKey;
  es: TestKey;
}

export async function makeKeys(): Promise<Keys> {
  const [ps, es] = await Promise.all([makeKey('PS256'), makeKey('ES256')]);
  return { ps, es };
}

export function startSim(keys: Keys, opts: NetSuiteSimOptions = {}): Promise<NetSuiteSim> {
  return startNetSuiteSim({
    clients: [
      { clientId: CLIENT_ID, certificateId: CERT_PS, publicKeyPem: keys.ps.publicKeyPem },
      { clientId: CLIENT_ID, certificateId: CERT_ES, publicKeyPem: keys.es.publicKeyPem },
    ],
    ...opts,
  });
}

export interface AssertionOverrides {
  kid?: string;
  alg?: string;
  iss?: string;
  aud?: string | string[];
  scope?: string | string[] | null;
  iat?: number;
  exp?: number | null;
}

export async function assertion(sim: NetSuiteSim, key: TestKey, o: AssertionOverrides = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = o.iat ?? now;
  const claims: Record<string, unknown> = {};
  if (o.scope !== null) claims['scope'] = o.scope ?? 'restlets,rest_webservices';
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ typ: 'JWT', alg: o.alg ?? key.alg, kid: o.kid ?? (key.alg.startsWith('ES') ? CERT_ES : CERT_PS) })
    .setIssuer(o.iss ?? CLIENT_ID)
    .setAudience(o.aud ?? `${sim.url}${TOKEN_PATH}`)
    .setIssuedAt(iat);
  if (o.exp !== null) jwt.setExpirationTime(o.exp ?? iat + 3600);
  return jwt.sign(key.privateKey);
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

export async function tokenCall(sim: NetSuiteSim, jwt: string, extra: Record<string, string> = {}): Promise<Answer> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: jwt,
    ...extra,
  });
  return answer(await fetch(`${sim.url}${TOKEN_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() }));
}

export async function getToken(sim: NetSuiteSim, key: TestKey): Promise<string> {
  const res = await tokenCall(sim, await assertion(sim, key));
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return res.json<{ access_token: string }>().access_token;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function api(sim: NetSuiteSim, method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  return answer(await fetch(`${sim.url}${path}`, { method, headers, body }));
}

export async function control(sim: NetSuiteSim, method: string, path: string, body?: unknown): Promise<Answer> {
  return answer(
    await fetch(`${sim.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
}

export interface ErrorBody {
  type: string;
  title: string;
  status: number;
  'o:errorDetails': Array<{ detail: string; 'o:errorCode': string; 'o:errorPath'?: string }>;
}

/** The first o:errorDetails entry of a NetSuite error answer. */
export function errorOf(a: Answer): { detail: string; code: string; path: string | undefined } {
  const d = a.json<ErrorBody>()['o:errorDetails'][0];
  if (!d) throw new Error(`no o:errorDetails in ${a.text}`);
  return { detail: d.detail, code: d['o:errorCode'], path: d['o:errorPath'] };
}

export const EMPLOYEE = '/services/rest/record/v1/employee';

export function person(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', subsidiary: { id: '2' }, ...extra };
}
