// What every ERP simulator offers the sandbox, the demo, the benchmarks and the test suites
// (DESIGN §8: a new adapter joins every suite by being registered in src/sim/registry.ts):
// start it, write a configuration pointing at it, give the secrets, and say whether its final
// state matches what BambooHR says (the suites' truth).
import type { RecordFamily } from '../adapters/types.js';
import type { SimCompany } from './bamboohr/company.js';

/** The uniform simulator handle (every src/sim/<erp>/ has one). */
export interface SimHandle {
  url: string;
  setFaults(f: never): void;
  setLatency(ms: number): void;
  requests: Array<{ method: string; path: string; status: number }>;
  stats: Record<string, number>;
  close(): Promise<void>;
}

export interface ErpSimOptions {
  seed: number;
  latencyMs: number;
  /** Share of ERP requests answered with a transient fault (429/503 or the ERP's own). */
  faultRate: number;
  /** The simulated ERP's limit on requests in flight, where it has one. */
  concurrencyLimit?: number | undefined;
  /** Lifetime of access tokens or sessions (fault suites make them end mid-run). */
  sessionTtlSec?: number | undefined;
}

/** A fault of a kind every ERP has, for the bad-input and fault suites. */
export type GenericFault =
  /** The next write is refused as invalid (a business error): the record parks with the ERP's words. */
  | 'reject-next-write'
  /** The next write fails with a server error: the record fails and stays open. */
  | 'fail-next-write';

export interface ErpSandbox {
  /** Registry name (`--erp`). */
  erp: string;
  /** The target's name in the configuration (its secrets are MLC_<TARGET>_<NAME>). */
  target: string;
  /** The flow's name in the configuration. */
  flow: string;
  url: string;
  sim: SimHandle;
  /** `targets:` and `flows:` of a configuration for this simulator. */
  configYaml(o?: { lookupFiles?: boolean }): string;
  /** Files the configuration refers to (lookup CSVs), by file name. */
  files(): Record<string, string>;
  /** Secrets as environment variables; `wrong` gives ones the simulator refuses. */
  env(o?: { wrong?: boolean }): Record<string, string>;
  /** What `mlc sandbox --json` prints for this ERP (secrets of the simulator are fine to show). */
  info(): Record<string, unknown>;
  describe(): string[];
  /** Differences between the ERP's records and BambooHR's truth (empty when they agree). */
  mismatches(company: SimCompany): string[];
  /** The records mlc wrote, as the ERP holds them: each must have its link and applied audit row. */
  written(): Array<{ family: RecordFamily; sourceKey: string; erpKey: string }>;
  /** Sets up a generic fault for the next write. */
  inject(fault: GenericFault): void;
  /** A seeded share of transient faults (429/503/resets, or the ERP's own), 0 to stop them. */
  setFaultRate(rate: number, seed: number): void;
  /** Makes the simulator refuse the BambooHR department `name` (adds it, mapped, to the ERP). */
  addDepartment(name: string): { lookupLine: string };
  close(): Promise<void>;
}

export interface ErpSimEntry {
  /** `--erp` name. */
  name: string;
  displayName: string;
  start(o: ErpSimOptions): Promise<ErpSandbox>;
}
