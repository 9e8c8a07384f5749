// The data of `mlc report`: what the HTML page shows and `mlc report --json` prints. Made
// from the state database and the configuration alone. It carries no pay, no personal e-mail
// and no birth date, and names only where `report.names` allows (otherwise `name` is null).
import type { RunCounts } from '../sync/summary.js';

export const REPORT_VERSION = 1;

export interface ReportModel {
  reportVersion: typeof REPORT_VERSION;
  mlcVersion: string;
  /** When the report was made (real clock, ISO). */
  generatedAt: string;
  /** The business date (company time zone, MLC_NOW-aware): "next" means after it. */
  businessDate: string;
  timezone: string;
  company: string;
  state: string;
  /** False when the state database does not exist yet (mlc sync never ran). */
  stateExists: boolean;
  names: boolean;
  window: { since: string; sinceText: string };
  maxAge: { ms: number; text: string };
  /** As `mlc status --json`: the latest good run of any flow. */
  lastGood: RunRef | null;
  lastGoodAgeMs: number | null;
  flows: FlowReport[];
  /** Runs started in the window, oldest first. */
  runs: RunPoint[];
  /** Systems requests were made to, BambooHR first. */
  systems: string[];
}

export interface RunRef {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface RunPoint extends RunRef {
  command: string;
  asOf: string;
  /** Flows the run covered (its summary's); null when it left no summary (failed, running). */
  flows: string[] | null;
  counts: RunCounts | null;
  requests: Record<string, number>;
  durationMs: number | null;
  /** ERP operations with an outcome in this run, and how long they took. */
  writes: { count: number; totalMs: number; maxMs: number };
  errorCode: string | null;
  errorMessage: string | null;
}

export type Verdict = 'ok' | 'attention' | 'failing' | 'stale' | 'never';

export interface FlowReport {
  name: string;
  /** Null for a flow found in the state but no longer in the configuration. */
  target: { name: string; type: string; system: string } | null;
  health: FlowHealth;
  waiting: WaitingGroup[];
  open: { parked: number; failed: number };
  upcoming: UpcomingChange[];
  coverage: LookupCoverage[];
  /** Reference slots filled with one fixed value for everyone. */
  fixed: Array<{ slot: string; value: string }>;
}

export interface FlowHealth {
  verdict: Verdict;
  lastGood: (RunRef & { ageMs: number | null }) | null;
  stale: boolean;
  lastRun: (RunRef & { errorCode: string | null; errorMessage: string | null }) | null;
  cursor: { value: string; updatedAt: string; sweptThrough: string | null } | null;
  /** Employees named by webhooks this flow has not read yet. */
  inboxBacklog: number;
  /** Records mlc has written to the ERP (links), and links owed until a referenced record exists. */
  linked: number;
  owed: number;
}

export interface WaitingGroup {
  status: 'parked' | 'failed';
  errorCode: string | null;
  reason: string;
  oldest: string;
  records: WaitingRecord[];
}

export interface WaitingRecord {
  auditId: number;
  runId: string;
  family: string;
  /** BambooHR id for people; the record's own key for org values and postings. */
  sourceKey: string;
  name: string | null;
  kind: string;
  since: string;
  attempts: number;
  replay: string;
}

export interface UpcomingChange {
  date: string;
  employeeId: string;
  name: string | null;
  kinds: ChangeKind[];
  changes: FieldChange[];
}

export type ChangeKind = 'hire' | 'termination' | 'rehire' | 'transfer' | 'title' | 'status' | 'pay';

export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
  /** Where the field feeds a lookup: the ERP value after the change, or that none exists. */
  erp?: { slot: string; value: string | null; how: ErpHow } | undefined;
}

export type ErpHow = 'mapped' | 'default' | 'provisioned' | 'unmapped';

export interface LookupCoverage {
  slot: string;
  from: string;
  source: string;
  values: CoverageValue[];
  unmapped: number;
  /** Set when the field is one `audit.redact` masks: its values are not listed. */
  withheld?: boolean | undefined;
}

export interface CoverageValue {
  value: string;
  /** Active employees in the flow with this value today. */
  headcount: number;
  /** Upcoming changes that bring someone to this value. */
  incoming: number;
  erp: string | null;
  how: ErpHow;
}
