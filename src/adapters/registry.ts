// The adapters, one line each: the light static side (config schema, slots, secrets) for the
// configuration, and the full adapter (clients, map, sessions) loaded only when a command
// needs it. registry.test.ts checks that it matches the folders under src/adapters/.
import { z } from 'zod';
import { MlcError } from '../domain/errors.js';
import { gpSpec } from './dynamics-gp/config.js';
import { d365Spec } from './d365/config.js';
import { netsuiteSpec } from './netsuite/config.js';
import { sysproSpec } from './syspro/config.js';
import { sage100Spec } from './sage100/config.js';
import type { Adapter, TargetSettings, TargetSpec } from './types.js';

interface Entry {
  spec: TargetSpec<unknown, TargetSettings>;
  load(): Promise<Adapter<TargetSettings>>;
}

const entry = <W, S extends TargetSettings>(spec: TargetSpec<W, S>, load: () => Promise<Adapter<S>>): Entry => ({
  spec: spec as unknown as Entry['spec'],
  load: load as unknown as Entry['load'],
});

const ENTRIES: readonly Entry[] = [
  entry(netsuiteSpec, () => import('./netsuite/index.js').then((m) => m.netsuiteAdapter)),
  entry(sysproSpec, () => import('./syspro/index.js').then((m) => m.sysproAdapter)),
  entry(sage100Spec, () => import('./sage100/index.js').then((m) => m.sage100Adapter)),
  entry(gpSpec, () => import('./dynamics-gp/index.js').then((m) => m.gpAdapter)),
  entry(d365Spec, () => import('./d365/index.js').then((m) => m.d365Adapter)),
];

export const targetSpecs: Record<string, TargetSpec<unknown, TargetSettings>> = Object.fromEntries(ENTRIES.map((e) => [e.spec.type, e.spec]));

/** A target block of the configuration: one of the adapters' schemas, chosen by `type`. */
export const TargetConfig = z.discriminatedUnion('type', ENTRIES.map((e) => e.spec.schema) as unknown as [z.ZodObject<{ type: z.ZodLiteral<string> }>]);

const loaded = new Map<string, Adapter<TargetSettings>>();

function unknownAdapter(type: string): MlcError {
  return new MlcError('usage', `no adapter "${type}"; must be one of: ${adapterTypes().join(', ')}`);
}

/** Loads an adapter (and keeps it for adapterFor). */
export async function loadAdapter(type: string): Promise<Adapter<TargetSettings>> {
  const cached = loaded.get(type);
  if (cached) return cached;
  const e = ENTRIES.find((x) => x.spec.type === type);
  if (!e) throw unknownAdapter(type);
  const a = await e.load();
  loaded.set(type, a);
  return a;
}

/** An adapter already loaded by loadAdapter(). */
export function adapterFor(type: string): Adapter<TargetSettings> {
  const a = loaded.get(type);
  if (a) return a;
  if (!ENTRIES.some((x) => x.spec.type === type)) throw unknownAdapter(type);
  throw new MlcError('internal', `adapter "${type}" used before loadAdapter()`);
}

export function adapterTypes(): string[] {
  return ENTRIES.map((e) => e.spec.type);
}
