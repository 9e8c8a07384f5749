// Public surface of the Sage 100 simulator: the mlc Sage 100 agent itself, running on the
// in-memory BOI (DESIGN §6, erps.md §2 and §8 D). See README.md.
export { startSage100Sim } from './start.js';
export { defaultSage100Seed, HEADCOUNT_UDF, SIM_DEPARTMENTS, SIM_LOCATIONS } from './seed.js';
export type { RecordedRequest, Sage100FailNext, Sage100FaultKind, Sage100Faults, Sage100Sim, Sage100SimOptions } from './types.js';
export type { MemorySeed as Sage100Seed, LockOptions as Sage100LockOptions } from '../../agent/sage100/boi/memory/index.js';
export type { WriteFault as Sage100WriteFault } from './write-faults.js';
