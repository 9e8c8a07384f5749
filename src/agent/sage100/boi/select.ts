// Picks the BOI implementation the config names: the real one over COM, or the in-memory
// one (demos, a dry rehearsal of an install, the simulator). winax is imported only here,
// only for "com".
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { BoiFactory } from '../boi-host.js';
import { resolveIn } from '../config/load.js';
import type { AgentConfig } from '../config/schema.js';
import { localYyyymmdd, taskNames } from './catalog.js';
import { createComBoi } from './com/index.js';
import { createMemoryBoi, type MemorySeed } from './memory/index.js';

export interface SelectedBoi {
  factory: BoiFactory;
  implementation: 'com' | 'memory';
}

function memorySeed(config: AgentConfig, dir: string): MemorySeed {
  const { boi } = config;
  const fromFile = boi.memory.seedFile ? (parse(readFileSync(resolveIn(dir, boi.memory.seedFile), 'utf8')) as Record<string, unknown>) : {};
  return { company: boi.company.toUpperCase(), udfs: boi.udfs, ...(boi.accountStructure ? { accountStructure: boi.accountStructure } : {}), ...fromFile } as MemorySeed;
}

export async function selectBoi(config: AgentConfig, dir: string): Promise<SelectedBoi> {
  const { boi } = config;
  if (boi.implementation === 'memory') return { factory: createMemoryBoi(memorySeed(config, dir)), implementation: 'memory' };
  const com = boi.com;
  const structure = boi.accountStructure;
  if (!com || !structure) throw new Error('boi.com and boi.accountStructure are required for implementation com');
  const factory = await createComBoi(
    { homePath: com.homePath, progId: com.progId, accountStructure: structure, udfs: boi.udfs.GL_SubAccount, readObjects: com.readObjects, tasks: taskNames(boi.tasks), sessionDate: () => localYyyymmdd() },
    com.winaxModule,
  );
  return { factory, implementation: 'com' };
}
