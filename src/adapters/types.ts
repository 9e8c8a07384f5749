// The adapter port (DESIGN §8): what every ERP adapter provides, so the engine (src/app/sync)
// carries all five ERPs without knowing any of them. Static facts (config schema, reference
// slots, the fields a flow may map, secrets) live in a light TargetSpec; pure mapping in the
// adapter's map functions; the I/O side is an ErpSession, opened by connect() and always
// closed. The engine owns audit rows, payload hashes, links, owed references and the cursor.
import type { Dispatcher } from '../http/undici.js';
import type { z } from 'zod';
import type { FlowSettings } from '../config/types.js';
import type { EmployeeState } from '../domain/employee.js';
import type { MlcError } from '../domain/errors.js';
import type { HttpClient } from '../http/client.js';
import type { RequestCounter } from '../http/counter.js';
import type { RetryPolicy } from '../http/retry.js';
import type { TlsTrust } from '../http/tls.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/store.js';

/**
 * What an mlc-written record is: a person (employee, employee-vendor, labour employee), an
 * org-structure value mlc keeps in step (dimension value, GL sub-account, account), or a
 * posting (a GL journal). Links and audit rows are keyed by (flow, family, source key).
 */
export type RecordFamily = 'employee' | 'reference' | 'journal';

export type OpKind = 'create' | 'update' | 'deactivate' | 'reactivate';

/** A reference an ERP record points to (department, class, GL segment…), filled by lookups. */
export interface ReferenceSlot {
  /** The ERP record type checked by `config check --online` and before every write. */
  recordType: string;
  required: boolean;
  description: string;
  /** mlc may create the values itself (`provision` on the flow's reference): DESIGN §8 "reference". */
  provisionable?: boolean;
  /**
   * 'partial': the ERP lists only some of its values (D365 FinancialDimensionValues shows only
   * values already used or modified, erps.md §8 A.2), so an id missing from references() is
   * unknown, not invalid: the record is written and the ERP's own validation decides (a refusal
   * parks it with the ERP's words), and `config check --online` warns instead of failing.
   * Inactive values still park. Default 'complete'.
   */
  listing?: 'complete' | 'partial';
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
  /** The record families this target writes (default: employee). */
  families?: readonly RecordFamily[];
  /** Where a supervisor link goes, when the ERP's person record has one. */
  supervisorSlot?: string;
  /** Plain http to a non-loopback host is a warning, not an error (ERPs usually served so on premises). */
  allowsPlainHttp?: boolean;
  /** Schema of a flow's `options:` for this target (parsed values land in FlowSettings.options). */
  flowOptions?: z.ZodType;
}

/** The identity of a record mlc writes, within a flow. */
export interface RecordRef {
  family: RecordFamily;
  sourceKey: string;
}

/**
 * A reference one record makes to another record mlc writes (a report's supervisor; an
 * account's sub-accounts; a vendor's provisioned dimension value). Optional needs are written
 * without the link for now and owed (paid as soon as the other record has its ERP key);
 * required needs wait for the other record in the same run, or park the record.
 */
export interface Need {
  slot: string;
  on: RecordRef;
  required: boolean;
  /** Words for a reason: `supervisor 42`, `dimension value Department/022`. */
  label: string;
}

/** Everything mapEmployee() needs, already resolved by the engine. */
export interface MapInput {
  kind: OpKind;
  state: EmployeeState;
  key: string;
  /** Reference slot → ERP id (from lookups or provisioned values). */
  refs: Record<string, string>;
  fields: Record<string, string | null>;
  /** Need slot → ERP key of the record it points at, or null while it has none. */
  linked: Record<string, string | null>;
  /** `names: legal | preferred` of the flow (DESIGN: legal names by default). */
  names: 'legal' | 'preferred';
  /** The flow's `options:`, parsed by the target's flowOptions schema (what a termination does…). */
  options: Record<string, unknown>;
}

export type ErpPayload = Record<string, unknown>;

export interface ErpOp {
  family: RecordFamily;
  /** Adapter record type: employee, vendor, dimensionValue, subAccount, account, journal… */
  type: string;
  kind: OpKind;
  /** BambooHR-side identity: employee id, `department#17`, `2026-11`. */
  sourceKey: string;
  /** ERP natural key the write is idempotent on. */
  key: string;
  /** ERP key from the link, when written before. */
  erpKey: string | null;
  payload: ErpPayload;
}

/** One op's result. A failed one carries a typed error the engine classifies (see below). */
export type OpOutcome =
  | { ok: true; erpKey: string; response: Record<string, unknown>; attempts?: number }
  | { ok: false; error: MlcError; attempts?: number };

export interface ReferenceRecord {
  id: string;
  name: string;
  active: boolean;
}

/**
 * One connection to an ERP for a run. applyBatch() answers one outcome per op, in order:
 * `record_rejected` parks that record with the ERP's words, `record_failed` leaves it open
 * for the next run; any other error code (auth, unreachable, rate limited) is an outage that
 * stops the run, and so is a thrown error (for every op of the batch).
 */
export interface ErpSession {
  /** applyBatch() calls in flight at once (1 where the ERP serialises a session). */
  readonly concurrency: number;
  /** Ops per applyBatch() call (1 for record-at-a-time APIs). */
  readonly batchSize: number;
  /** One cheap authenticated read; returns a line for `mlc ping`. `flows`: the target's flows (a D365 legal entity is per flow). */
  ping(flows?: readonly FlowSettings[]): Promise<string>;
  /** Records of the given reference types (for lookup checks), read once and cached. */
  references(recordTypes: readonly string[]): Promise<Record<string, ReferenceRecord[]>>;
  applyBatch(ops: readonly ErpOp[]): Promise<OpOutcome[]>;
  /** The ERP's own validation-only write (`mlc sync --dry-run --online`), where it has one. */
  validateBatch?(ops: readonly ErpOp[]): Promise<OpOutcome[]>;
  /** Postings, for targets with the journal family. */
  journals?: JournalPort;
  /** Target-specific checks for `mlc config check --online` (entity sets, resource paths, licences). */
  selfCheck?(flows: readonly FlowSettings[]): Promise<SelfCheckFinding[]>;
  /** Ends the session (logoff); always called, also after a failure. Its errors are reported. */
  close(): Promise<void>;
}

export interface SelfCheckFinding {
  severity: 'error' | 'warning';
  /** Dotted config path the finding is about (targets.d365.vendorEntity…). */
  where: string;
  message: string;
}

/** BambooHR list values a reference flow keeps in step (meta/lists), with today's headcount. */
export interface SourceListValue {
  /** BambooHR's option id: stable across renames. */
  id: string;
  name: string;
  archived: boolean;
  /** Active employees carrying the value as of the business date. */
  headcount: number;
}

export interface ReferenceInput {
  flow: FlowSettings;
  /** Source field (department, division, location) → its list values. */
  lists: Record<string, SourceListValue[]>;
  /** The ERP key mlc recorded for a reference record, if it wrote it before. */
  linked(sourceKey: string): string | null;
}

/** One org-structure record to keep in step, planned by the adapter (pure). */
export interface ReferencePlan {
  type: string;
  sourceKey: string;
  key: string;
  label: string;
  /** archived in BambooHR and the flow lets mlc deactivate it. */
  deactivate: boolean;
  payload: ErpPayload;
  needs: Need[];
  /** For the provisioned lookup of employee flows: the BambooHR value and the ERP id it gets. */
  provides?: { slot: string; value: string; id: string };
  /**
   * Why the record cannot be written as BambooHR has it (a value in use that no lookup covers,
   * a provisioned code that does not fit the ERP): parked with this reason like an unmapped
   * employee (errorCode `unmapped`, so a flow with `unmapped: fail` refuses the run).
   */
  unmapped?: string;
}

export interface HttpOptions {
  system: string;
  baseUrl: string;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Trust for a customer's own certificate: a CA file or a pinned SHA-256 fingerprint. */
  tls?: TlsTrust | undefined;
  /** An adapter's own dispatcher (NTLM authenticates a connection, not a request). */
  dispatcher?: Dispatcher | undefined;
}

/**
 * Small facts an adapter keeps between runs in the state database (a reference cache and its
 * ModifiedDate watermark), namespaced per target by the engine. Absent where a command has
 * no state (ping, config check); writes are dropped in dry runs, which write nothing.
 */
export interface AdapterMemory {
  get(key: string): string | undefined;
  put(key: string, value: string): void;
}

export interface AdapterDeps {
  secrets: SecretStore;
  logger: Logger;
  counter: RequestCounter;
  http(opts: HttpOptions): HttpClient;
  /** Aborted on SIGTERM: a session renewing itself stops; close() still runs. */
  stop: AbortSignal;
  memory?: AdapterMemory | undefined;
}

export interface Adapter<S extends TargetSettings = TargetSettings> {
  spec: TargetSpec<unknown, S>;
  /** Bump when a map function's output changes: payload hashes change with it. */
  version: string;
  /** Pure: canonical employee → the ERP's person record (employee families). */
  mapEmployee?(input: MapInput, s: S): ErpPayload;
  /** Pure: the org-structure records a flow keeps in step (reference families). */
  planReferences?(input: ReferenceInput, s: S): ReferencePlan[];
  connect(s: S, deps: AdapterDeps): Promise<ErpSession>;
}

/** Money in minor units (cents): journal arithmetic never touches binary fractions. */
export type Cents = number;

export interface JournalLine {
  account: string;
  debit: Cents;
  credit: Cents;
  description: string;
  /** Allocation dimensions the ERP keeps per line (cost centre, department…). */
  dimensions: Record<string, string>;
}

/** A posting mlc creates once per (flow, period): DESIGN §8 "journal". */
export interface JournalDoc {
  /** The idempotency key the ERP stores and can be asked about before posting again. */
  reference: string;
  period: string;
  date: string;
  description: string;
  lines: JournalLine[];
}

export interface JournalProblem {
  /** Index into lines, or null for the document (a closed period). */
  line: number | null;
  message: string;
}

export interface FoundJournal {
  erpKey: string;
  /** Posted journals are read-only in the ERP: never replaced. */
  posted: boolean;
  totalCents: Cents;
}

/** The journal side of a session (ERPs that take postings). */
export interface JournalPort {
  find(reference: string): Promise<FoundJournal | undefined>;
  /** Reads the ERP (accounts, fiscal period) and lists what would make the posting fail. */
  validate(doc: JournalDoc): Promise<JournalProblem[]>;
  create(doc: JournalDoc): Promise<OpOutcome>;
  /** Removes an unposted journal (for --replace). */
  remove(found: FoundJournal): Promise<void>;
}
