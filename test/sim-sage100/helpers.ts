// Talking to the Sage 100 agent simulator over real HTTPS on 127.0.0.1, trusting only its
// certificate (as the mlc adapter pins it).
import { Agent, request } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import { startSage100Sim, type Sage100Sim, type Sage100SimOptions } from '../../src/sim/sage100/index.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: any;
}

export interface CallOptions {
  body?: unknown;
  /** null = send no key; default the simulator's key. */
  apiKey?: string | null;
  headers?: Record<string, string>;
  cert?: { cert: string; key: string };
}

const agents = new Map<string, Agent>();

function dispatcher(ca: string, cert?: { cert: string; key: string }): Agent {
  const id = ca + (cert?.cert ?? '');
  let agent = agents.get(id);
  if (!agent) {
    agent = new Agent({ connect: { ca, ...(cert ? { cert: cert.cert, key: cert.key } : {}) } });
    agents.set(id, agent);
  }
  return agent;
}

export async function call(sim: Sage100Sim, method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  const key = opts.apiKey === undefined ? sim.apiKey : opts.apiKey;
  if (key !== null) headers['x-api-key'] = key;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await request(`${sim.url}${path}`, { method: method as 'GET', headers, body, dispatcher: dispatcher(sim.certPem, opts.cert) });
  const text = await res.body.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers: flat, body: parsed };
}

export async function closeAgents(): Promise<void> {
  await Promise.all([...agents.values()].map((a) => a.close()));
  agents.clear();
}

export const subKey = (SegmentNo: string, SubAccountCode: string) => ({ SegmentNo, SubAccountCode });

/** One simulator for a whole file: started before the first test, closed after the last. */
export function sharedSim(opts: Sage100SimOptions = {}): () => Sage100Sim {
  let sim: Sage100Sim | undefined;
  beforeAll(async () => {
    sim = await startSage100Sim(opts);
  });
  afterAll(async () => {
    await sim?.close();
    await closeAgents();
  });
  return () => {
    if (!sim) throw new Error('the simulator is not started yet');
    return sim;
  };
}
