// `mlc journal --period 2026-11|previous`: one journal flow, one period, posted once. Read
// BambooHR (every employee, every dated row), plan the journal (plan.ts, pure), and then, in
// the ERP: look for it by its reference first (a second run, or the run after one killed
// between posting and recording, finds it and posts nothing); check every account and cost
// centre and the fiscal period; create it as an unposted Work journal; record the outcome.
// A journal that fails a check is held in the audit with every failing line (exit 1) and
// `mlc replay <id>` posts it once the cause is fixed. `--replace` voids a Work journal and
// creates it again; a posted one is read-only, and mlc says so.
import type { FoundJournal, JournalPort, JournalProblem } from '../../adapters/types.js';
import type { FlowSettings } from '../../config/types.js';
import type { EmployeeRecord } from '../../domain/employee.js';
import { isMlcError, MlcError } from '../../domain/errors.js';
import { failpoint } from '../../domain/failpoints.js';
import { readChanges } from '../../source/bamboohr/reader.js';
import type { AppContext } from '../context.js';
import { Run } from '../sync/run.js';
import { emptyCounts, type RunCounts } from '../sync/summary.js';
import { formatCents } from './money.js';
import { parsePeriod, type Period } from './period.js';
import { planJournal, type JournalPlan } from './plan.js';
import { JournalAudit, type JournalRow } from './record.js';
import { isJournalFlow, journalOptions } from './settings.js';

export type JournalStatus = 'created' | 'replaced' | 'exists' | 'posted' | 'held' | 'refused' | 'failed' | 'planned';

export interface JournalRunOptions {
  period: string;
  flow?: string | undefined;
  dryRun: boolean;
  replace: boolean;
  replayOf?: number | undefined;
}

export interface JournalOutcome {
  runId: string | null;
  status: JournalStatus;
  flow: string;
  target: string;
  period: string;
  plan: JournalPlan;
  problems: JournalProblem[];
  /** The journal in the ERP, when there is one (found, created or replaced). */
  journal: { erpKey: string; posted: boolean } | null;
  message: string;
  auditId: number | null;
  notes: string[];
  requests: Record<string, number>;
  durationMs: number;
}

export function journalFlowOf(ctx: AppContext, name: string | undefined): FlowSettings {
  const journals = ctx.config.flows.filter(isJournalFlow);
  if (name) {
    const f = ctx.config.flows.find((x) => x.name === name);
    if (!f) throw new MlcError('usage', `no flow named "${name}" (flows: ${ctx.config.flows.map((x) => x.name).join(', ')})`);
    if (!isJournalFlow(f)) throw new MlcError('usage', `flow "${name}" is not a journal flow (its options have no kind: journal); mlc sync runs it`);
    return f;
  }
  if (journals.length === 1) return journals[0]!;
  if (journals.length === 0) throw new MlcError('usage', 'no journal flow is configured: add a flow whose options say kind: journal (see the GP adapter README)');
  throw new MlcError('usage', `several journal flows are configured (${journals.map((f) => f.name).join(', ')}): name one with --flow`);
}

async function employees(run: Run): Promise<EmployeeRecord[]> {
  const b = run.ctx.config.bamboohr;
  const missing = (['jobInfo', 'employmentStatus', 'compensation'] as const).filter((t) => !b.tables.includes(t));
  if (missing.length) throw new MlcError('config_invalid', `a journal needs BambooHR's dated ${missing.join(', ')} table(s): add them to bamboohr.tables`);
  const changes = await readChanges(await run.ctx.bamboo(), b, { full: true, memory: run.state?.kv });
  return changes.employees
    .filter((c) => c.action !== 'missing' && c.fields)
    .map((c) => ({ id: c.id, fields: c.fields!, rows: Object.values(c.tables).flat(), deleted: c.action === 'deleted' }));
}

const lineWords = (plan: JournalPlan, p: JournalProblem) => (p.line === null ? p.message : `line ${p.line + 1} (${plan.doc.lines[p.line]?.account || plan.doc.lines[p.line]?.description}): ${p.message}`);

/** The reason of a held journal: every failing line. */
export function heldReason(plan: JournalPlan, problems: readonly JournalProblem[]): string {
  return `held, not posted: ${problems.map((p) => lineWords(plan, p)).join('; ')}`;
}

interface Ctx {
  run: Run;
  flow: FlowSettings;
  period: Period;
  o: JournalRunOptions;
  plan: JournalPlan;
  port: JournalPort;
  audit: JournalAudit | undefined;
  row: JournalRow;
}

type Result = Pick<JournalOutcome, 'status' | 'journal' | 'message' | 'auditId'> & { problems?: JournalProblem[] };

function alreadyThere(c: Ctx, found: FoundJournal): Result {
  const { run, o, plan } = c;
  const state = found.posted ? 'posted' : 'unposted (Work)';
  const total = plan.doc.lines.reduce((a, l) => a + l.debit, 0);
  if (found.totalCents !== total) run.notes.push(`the journal in ${run.ctx.config.targets[c.flow.target]!.name} totals ${formatCents(found.totalCents)}, BambooHR now gives ${formatCents(total)}${found.posted ? '' : ': --replace voids it and posts it again'}`);
  if (o.replace && found.posted) {
    const message = `journal ${found.erpKey} for ${plan.doc.period} is posted in the ERP and read-only: mlc will not replace it (reverse it in the ERP if it is wrong)`;
    return { status: 'refused', journal: { erpKey: found.erpKey, posted: true }, message, auditId: c.audit?.skipped(c.row, message, found.erpKey) ?? null };
  }
  const message = `journal ${found.erpKey} "${plan.doc.reference}" is already in the ERP, ${state}: not posted again`;
  if (!o.dryRun) c.audit?.found(c.row, found.erpKey, message);
  return { status: found.posted ? 'posted' : 'exists', journal: { erpKey: found.erpKey, posted: found.posted }, message, auditId: null };
}

async function create(c: Ctx, found: FoundJournal | undefined): Promise<Result> {
  const { run, plan, port } = c;
  const audit = c.audit!;
  const startedAt = run.now();
  if (found) await port.remove(found);
  const id = audit.planned(c.row);
  let outcome;
  try {
    outcome = await port.create(plan.doc);
  } catch (err) {
    // The answer was lost: was it saved? Look, rather than post a second journal.
    const again = isMlcError(err) && err.retryable ? await port.find(plan.doc.reference).catch(() => undefined) : undefined;
    if (!again) {
      audit.refused(c.row, 'failed', isMlcError(err) ? err.code : 'internal', isMlcError(err) ? err.message : String(err), id, startedAt);
      throw err;
    }
    outcome = { ok: true as const, erpKey: again.erpKey, response: { found: again.erpKey } };
  }
  failpoint('erp-written');
  if (outcome.ok) {
    audit.applied(c.row, id, outcome.erpKey, outcome.response, startedAt);
    const verb = found ? `replaced journal ${found.erpKey}: ` : '';
    return { status: found ? 'replaced' : 'created', journal: { erpKey: outcome.erpKey, posted: false }, message: `${verb}journal ${outcome.erpKey} "${plan.doc.reference}" created unposted (Work): a GP user posts it`, auditId: id };
  }
  const e = outcome.error;
  const lines = (e.details?.lines as JournalProblem[] | undefined) ?? [{ line: null, message: e.message }];
  const status = e.code === 'record_rejected' ? 'parked' : 'failed';
  const reason = status === 'parked' ? heldReason(plan, lines) : e.message;
  audit.refused(c.row, status, e.code, reason, id, startedAt);
  return { status: status === 'parked' ? 'held' : 'failed', journal: null, message: reason, auditId: id, problems: lines };
}

async function post(c: Ctx): Promise<Result> {
  const { plan, port, o } = c;
  const found = await port.find(plan.doc.reference);
  if (found && (!o.replace || found.posted)) return alreadyThere(c, found);
  const problems = [...plan.problems, ...(await port.validate(plan.doc))].sort((a, b) => (a.line ?? -1) - (b.line ?? -1));
  if (problems.length > 0) {
    const reason = heldReason(plan, problems);
    return { status: 'held', journal: null, message: reason, problems, auditId: c.audit?.refused(c.row, 'parked', 'journal_invalid', reason) ?? null };
  }
  if (o.dryRun) return { status: 'planned', journal: found ? { erpKey: found.erpKey, posted: false } : null, message: found ? `would void journal ${found.erpKey} and create it again` : 'would create the journal unposted (Work)', auditId: null };
  return create(c, found);
}

/** The journal of a flow and period inside a run (mlc journal, and mlc replay of a journal row). */
export async function journalIn(run: Run, flow: FlowSettings, period: Period, o: JournalRunOptions): Promise<JournalOutcome> {
  const t0 = Date.now();
  const target = run.ctx.config.targets[flow.target]!;
  const plan = planJournal({ flow, options: journalOptions(flow), period, employees: await employees(run) });
  const session = await run.session(target);
  if (!session.journals) throw new MlcError('usage', `target "${target.name}" (${target.type}) takes no journals`);
  const row: JournalRow = { flow: flow.name, doc: plan.doc, kind: o.replace ? 'update' : 'create', replayOf: o.replayOf };
  const audit = run.runId ? new JournalAudit(run.state!, run.runId, () => run.now()) : undefined;
  const r = await post({ run, flow, period, o, plan, port: session.journals, audit, row });
  return {
    runId: run.runId, flow: flow.name, target: target.name, period: period.id, plan, problems: r.problems ?? [], status: r.status, journal: r.journal, message: r.message, auditId: r.auditId,
    notes: run.notes, requests: run.ctx.counter.toJSON(), durationMs: Date.now() - t0,
  };
}

export const journalFailed = (s: JournalStatus): boolean => s === 'held' || s === 'refused' || s === 'failed';

const COUNTED: Partial<Record<JournalStatus, keyof RunCounts>> = { created: 'created', replaced: 'updated', exists: 'unchanged', posted: 'unchanged', held: 'parked', refused: 'skipped', failed: 'failed' };

export async function runJournal(ctx: AppContext, o: JournalRunOptions): Promise<JournalOutcome> {
  const flow = journalFlowOf(ctx, o.flow);
  const period = parsePeriod(o.period, ctx.clock.today());
  const run = new Run(ctx, `journal ${flow.name} ${period.id}`, o.dryRun);
  try {
    const out = await journalIn(run, flow, period, o);
    // The counts a sync's summary has, so mlc status shows the journal's outcome too.
    const counts = { ...emptyCounts(out.plan.people), ...(COUNTED[out.status] ? { [COUNTED[out.status]!]: 1 } : {}) };
    run.finish(journalFailed(out.status) ? 'partial' : 'ok', { journal: out.status, flow: out.flow, period: out.period, erpKey: out.journal?.erpKey ?? null, counts, requests: out.requests });
    return out;
  } catch (err) {
    run.fail(err);
    throw err;
  } finally {
    await run.close();
  }
}
