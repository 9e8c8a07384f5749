// The adapter port: what every ERP adapter provides, so the engine (src/app/sync) carries all
// five ERPs without knowing any of them. Static facts (config schema, reference slots, the
// fields a flow may map, secrets) live in a light TargetSpec; the I/O side is an ErpSession.
import type { z } from 'zod';
import type { EmployeeState } from '../domain/employee.js';
import type { HttpClient } from '../http/client.js';
import type { RequestCounter } from '../http/counter.js';
import type { RetryPolicy } from '../http/retry.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/store.js';

export type OpKind = 'create' | 'update' | 'deactivate' | 'reactivate';

/** A reference an ERP record points to (department, class, GL segment…), filled by lookups. */
export interface ReferenceSlot {
  /** The ERP record type checked by `config check --online`. */
  recordType: string;
  required: boolean;
  description: string;
}

/** Settings every target has after normalisation; adapters extend it. */
export interface TargetSettings {
  name: string;
  type: string;
  baseUrl: string;
  concurrency: number;
  timeoutMs: number;
  retry: RetryPolicy;
}

export interface TargetSpec<W = unknown, S extends TargetSettings = TargetSettings> {
  type: string;
  displayName: string;
  schema: z.ZodType<W>;
  normalize(written: W, name: string): S;
  slots: Record<string, ReferenceSlot>;
  /** Whether a flow may map a plain field of this name. */
  fieldAllowed(name: string): boolean;
  fieldHint: string;
  /** Secret names the target needs (`private_key` → MLC_<TARGET>_PRIVATE_KEY). */
  secrets: readonly string[];
  /** The ERP-side natural key of a BambooHR employee (idempotent upserts key on it). */
  naturalKey(employeeId: string, s: S): string;
}

/** Everything map() needs for one employee, already resolved by the engine. */
export interface MapInput {
  kind: OpKind;
  state: EmployeeState;
  key: string;
  refs: Record<string, string>;
  fields: Record<string, string | null>;
  /** The supervisor's ERP key, when the supervisor is linked. */
  supervisorKey: string | null;
}

export type ErpPayload = Record<string, unknown>;

export interface ErpOp {
  kind: OpKind;
  employeeId: string;
  key: string;
  erpKey: string | null;
  payload: ErpPayload;
}

export interface ApplyResult {
  erpKey: string;
  /** The answer's essentials for the audit (status, ids, location), never secrets. */
  response: Record<string, unknown>;
  /** Requests it took, retries included. */
  attempts?: number;
}

export interface ReferenceRecord {
  id: string;
  name: string;
  active: boolean;
}

export interface ErpSession {
  readonly concurrency: number;
  /** One cheap authenticated read; returns a line for `mlc ping`. */
  ping(): Promise<string>;
  /** Records of the given reference types (for lookups checks), read once and cached. */
  references(recordTypes: readonly string[]): Promise<Record<string, ReferenceRecord[]>>;
  apply(op: ErpOp): Promise<ApplyResult>;
  close(): Promise<void>;
}

export interface AdapterDeps {
  secrets: SecretStore;
  logger: Logger;
  counter: RequestCounter;
  http(opts: { system: string; baseUrl: string; timeoutMs: number; retry: RetryPolicy }): HttpClient;
}

export interface Adapter<S extends TargetSettings = TargetSettings> {
  spec: TargetSpec<unknown, S>;
  /** Bump when map() output changes: payload hashes change with it. */
  version: string;
  map(input: MapInput, s: S): ErpPayload;
  connect(s: S, deps: AdapterDeps): Promise<ErpSession>;
}
