// Shared helpers for the SYSPRO simulator tests: real HTTP GETs on 127.0.0.1, XML built and
// read with fast-xml-parser; no mocks.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { decodeCp1252, startSysproSim, type SysproSim, type SysproSimOptions } from '../../src/sim/syspro/index.js';

export const OPERATOR = 'MLC';
export const PASSWORD = 'mlc-operator-pw';
export const COMPANY = 'EDU1';

export const startSim = (opts: SysproSimOptions = {}): Promise<SysproSim> => startSysproSim(opts);

/**
 * Starts a simulator and logs on before the file's tests (or before each, with `each`) and
 * closes it after; `use` receives both, since hooks run after the file is loaded.
 */
export function shareSim(use: (sim: SysproSim, userId: string) => void, opts: SysproSimOptions & { each?: boolean } = {}): void {
  const { each, ...options } = opts;
  let current: SysproSim | undefined;
  (each ? beforeEach : beforeAll)(async () => {
    current = await startSim(options);
    use(current, await logon(current));
  });
  (each ? afterEach : afterAll)(() => current?.close());
}

export interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The body decoded as Windows-1252, as the XML declaration says. */
  text: string;
}

export async function call(sim: SysproSim, path: string, query: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const qs = new URLSearchParams(query).toString();
  const res = await fetch(`${sim.restUrl}${path}${qs ? `?${qs}` : ''}`, { method });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: decodeCp1252(bytes) };
}

export async function logon(sim: SysproSim, overrides: Record<string, string> = {}): Promise<string> {
  const res = await call(sim, '/Logon', { Operator: OPERATOR, OperatorPassword: PASSWORD, CompanyId: COMPANY, CompanyPassword: '', ...overrides });
  if (res.text.startsWith('ERROR')) throw new Error(`logon failed: ${res.text}`);
  return res.text;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, isArray: (name) => ['item', 'Row'].includes(name) });

export type Xml = Record<string, unknown>;

export function parseXml(text: string): Xml {
  return parser.parse(text) as Xml;
}

/** Setup answer: the items and StatusOfItems under the lower-cased root. */
export function setupAnswer(text: string, root: string): { items: Xml[]; read: number; invalid: number } {
  const doc = parseXml(text)[root] as Xml | undefined;
  if (!doc) throw new Error(`no <${root}> in ${text}`);
  const status = doc['StatusOfItems'] as Xml;
  return { items: (doc['item'] as Xml[] | undefined) ?? [], read: Number(status['RecordsRead']), invalid: Number(status['RecordsInvalid']) };
}

/** `{ field, number, description }` of an item's inline error, or undefined. */
export function itemError(item: Xml): { field: string; value: string; number: number; description: string } | undefined {
  for (const [field, v] of Object.entries(item)) {
    if (field === 'key' || typeof v !== 'object' || v === null) continue;
    const e = v as Xml;
    if ('ErrorDescription' in e) return { field, value: String(e['Value'] ?? ''), number: Number(e['ErrorNumber']), description: String(e['ErrorDescription']) };
  }
  return undefined;
}

export function params(root: string, p: Record<string, string> = {}): string {
  const inner = Object.entries(p)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  return `<${root} xmlns:xsd="http://www.w3.org/2001/XMLSchema-instance" xsd:noNamespaceSchemaLocation="${root}.XSD"><Parameters>${inner}</Parameters></${root}>`;
}

const esc = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** `<Item><Key>…</Key>…</Item>` from plain objects (values are escaped). */
export function item(key: Record<string, string>, fields: Record<string, string> = {}): string {
  const k = Object.entries(key)
    .map(([n, v]) => `<${n}>${esc(v)}</${n}>`)
    .join('');
  const f = Object.entries(fields)
    .map(([n, v]) => (v === '' ? `<${n}/>` : `<${n}>${esc(v)}</${n}>`))
    .join('');
  return `<Item><Key>${k}</Key>${f}</Item>`;
}

export const doc = (root: string, items: string[]): string => `<?xml version="1.0" encoding="Windows-1252"?><${root} xmlns:xsd="http://www.w3.org/2001/XMLSchema-instance">${items.join('')}</${root}>`;

export interface SetupCall {
  method: 'Add' | 'Update' | 'Delete';
  bo: string;
  root: string;
  items: string[];
  parameters?: Record<string, string>;
}

export function setup(sim: SysproSim, userId: string, c: SetupCall): Promise<Answer> {
  return call(sim, `/Setup/${c.method}`, { UserId: userId, BusinessObject: c.bo, XmlParameters: params(c.root, c.parameters), XmlIn: doc(c.root, c.items) });
}

export const employee = (code: string, fields: Record<string, string> = {}): string => item({ Employee: code }, { Name: 'Ada Lovelace', WorkCentre: 'ENG1', ...fields });

export function addEmployees(sim: SysproSim, userId: string, items: string[], parameters?: Record<string, string>): Promise<Answer> {
  return setup(sim, userId, { method: 'Add', bo: 'BOMSEC', root: 'SetupBomEmployee', items, ...(parameters ? { parameters } : {}) });
}

export function comfnd(sim: SysproSim, userId: string, inner: string): Promise<Answer> {
  return call(sim, '/Query/Query', { UserId: userId, BusinessObject: 'COMFND', XmlIn: `<Query xmlns:xsd="http://www.w3.org/2001/XMLSchema-instance" xsd:noNamespaceSchemaLocation="COMFND.XSD">${inner}</Query>` });
}

export async function control(sim: SysproSim, method: string, path: string, body?: unknown): Promise<{ status: number; json: <T = Xml>() => T }> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(`${sim.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, json: <T>() => JSON.parse(text) as T };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
