// Shared helpers for the BambooHR simulator tests: real HTTP on 127.0.0.1, no mocks.
import { startBambooSim, type BambooSim, type BambooSimOptions } from '../../src/sim/bamboohr/index.js';

export const FULL_KEY = 'sim-full-access-key';
export const RESTRICTED_KEY = 'sim-restricted-key';
export const START = '2026-03-15T17:00:00Z';
export const TODAY = '2026-03-15';

export function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:x`).toString('base64')}`;
}

export function startSim(opts: BambooSimOptions = {}): Promise<BambooSim> {
  return startBambooSim({ size: 60, seed: 11, start: START, ...opts });
}

export interface CallOptions {
  method?: string;
  key?: string | null;
  accept?: string | null;
  headers?: Record<string, string>;
  body?: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json<T = unknown>(): T;
}

export async function call(sim: BambooSim, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const key = opts.key === undefined ? FULL_KEY : opts.key;
  if (key !== null) headers['Authorization'] = basic(key);
  const accept = opts.accept === undefined ? 'application/json' : opts.accept;
  if (accept !== null) headers['Accept'] = accept;
  const res = await fetch(`${sim.url}${path}`, { method: opts.method ?? 'GET', headers, body: opts.body, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

export async function control(sim: BambooSim, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

export function since(iso: string): string {
  return encodeURIComponent(iso);
}

/** An employee that is active today with no future-dated rows: safe to mutate in tests. */
export function plainEmployee(sim: BambooSim, skip: number[] = []): number {
  const today = sim.clock.today();
  const e = sim.company.list().find((x) => {
    if (skip.includes(x.id) || x.id === sim.company.list()[0]?.id) return false;
    const future = [...x.jobInfo.map((r) => r.date), ...x.employmentStatus.map((r) => r.date), ...x.compensation.map((r) => r.startDate)].some((d) => d > today);
    return !future && sim.company.view(x).d.status === 'Active';
  });
  if (!e) throw new Error('no plain employee in the generated company');
  return e.id;
}
