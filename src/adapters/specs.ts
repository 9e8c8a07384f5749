// The static side of every adapter, for configuration: one line per adapter. The full adapters
// (clients, map, sessions) are in registry.ts and load only when a command needs them.
import { z } from 'zod';
import { NetSuiteTarget, netsuiteSpec } from './netsuite/config.js';
import type { TargetSettings, TargetSpec } from './types.js';

export const targetSpecs: Record<string, TargetSpec<unknown, TargetSettings>> = {
  netsuite: netsuiteSpec as unknown as TargetSpec<unknown, TargetSettings>,
};

export const TargetConfig = z.discriminatedUnion('type', [NetSuiteTarget]);
export type TargetConfig = z.infer<typeof TargetConfig>;
