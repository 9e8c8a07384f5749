// The adapters, one line each (an explicit registry: a typo fails at build time, not at run
// time). registry.test.ts checks that it matches the folders under src/adapters/.
import { MlcError } from '../domain/errors.js';
import { netsuiteAdapter } from './netsuite/index.js';
import type { Adapter, TargetSettings } from './types.js';

const adapters = new Map<string, Adapter<TargetSettings>>([['netsuite', netsuiteAdapter as unknown as Adapter<TargetSettings>]]);

export function adapterFor(type: string): Adapter<TargetSettings> {
  const a = adapters.get(type);
  if (!a) throw new MlcError('usage', `no adapter "${type}"; must be one of: ${[...adapters.keys()].join(', ')}`);
  return a;
}

export function adapterTypes(): string[] {
  return [...adapters.keys()];
}
