// One batch of labour employees through Setup (erps.md §1.6, §8 C.4). Each operation is one
// BOMSEC item, then its custom form fields as COMSFM items (a second document: the form's
// KeyField must exist first). The method follows what SYSPRO holds (its employee codes are
// read once per run): Add for a new code, Update for a known one, Delete for termination:
// delete; an Add answered "already exists" is sent again as an Update, an Update answered
// "not found" as an Add, a Delete of a missing code is done — so a re-run or a replay after a
// crash never doubles anything. An operation succeeds when both documents took it; a refusal
// of either parks it with SYSPRO's words (the labour employee may be written already: the
// replay sends both again, idempotently); a document that failed as a whole leaves it open.
import { MlcError } from '../../domain/errors.js';
import type { ErpOp, OpOutcome, ReferenceRecord } from '../types.js';
import type { SetupMethod } from './client.js';
import type { SysproSettings } from './config.js';
import { employeeItem, formItems, type Item } from './documents.js';
import { documentFailed, recordRejected } from './errors.js';
import type { SysproPayload } from './map.js';
import type { ItemResult, SetupObject, SetupSender } from './sender.js';

export interface WriteContext {
  s: SysproSettings;
  sender: SetupSender;
  /** Work centres by code, active when their cost centre exists (read once per run). */
  workCentres(): Promise<ReadonlyMap<string, ReferenceRecord>>;
  /** Employee codes SYSPRO holds, by upper-cased code (read once per run, kept up to date by the writes). */
  employees(): Promise<Map<string, string>>;
}

interface Job {
  op: ErpOp;
  p: SysproPayload;
  code: string;
  outcome?: OpOutcome;
  employee?: 'added' | 'updated' | 'deleted';
  formFields: number;
}

const PAST: Readonly<Record<SetupMethod, NonNullable<Job['employee']>>> = { Add: 'added', Update: 'updated', Delete: 'deleted' };
const OTHER: Readonly<Partial<Record<SetupMethod, SetupMethod>>> = { Add: 'Update', Update: 'Add' };

function toJob(op: ErpOp, s: SysproSettings): Job {
  const p = op.payload as unknown as SysproPayload;
  const code = p.item?.[s.employee.key];
  if (typeof code !== 'string' || code === '') throw new MlcError('internal', `a SYSPRO payload without its ${s.employee.key} element (${op.sourceKey})`);
  return { op, p, code, formFields: 0 };
}

/** What SYSPRO would refuse anyway, said before sending: the code's length, the work centre and its cost centre. */
function localProblem(j: Job, s: SysproSettings, centres: ReadonlyMap<string, ReferenceRecord>): string | undefined {
  if (j.code.length > s.employeeCode.maxLength) return `employee code ${j.code} has ${j.code.length} characters; the site allows ${s.employeeCode.maxLength} (targets.${s.name}.employeeCode)`;
  const wc = j.p.delete ? undefined : j.p.item[s.employee.workCentre];
  if (wc === undefined) return undefined;
  const rec = centres.get(wc);
  if (!rec) return `work centre ${wc} does not exist in SYSPRO`;
  return rec.active ? undefined : `work centre ${wc} cannot be used: ${rec.name}`;
}

const refusal = (r: Exclude<ItemResult, { ok: true }>, what: string): MlcError =>
  r.kind === 'failed' || r.kind === 'unanswered' || r.kind === 'locked' ? documentFailed(`${what}: ${r.message}`) : recordRejected(`${what}: ${r.message}`);

/** Sends items by method, with the one fallback to the other method; calls `done` per item. */
async function sendWithFallback(ctx: WriteContext, object: SetupObject, groups: Map<SetupMethod, Item[]>, validateOnly: boolean, done: (it: Item, method: SetupMethod, r: ItemResult) => void): Promise<void> {
  const again = new Map<SetupMethod, Item[]>();
  for (const [method, items] of groups) {
    const results = await ctx.sender.send(method, object, items, validateOnly);
    for (const it of items) {
      const r = results.get(it)!;
      const other = OTHER[method];
      const retry = !r.ok && other !== undefined && ((method === 'Add' && r.kind === 'exists') || (method === 'Update' && r.kind === 'missing'));
      if (retry) (again.get(other) ?? again.set(other, []).get(other)!).push(it);
      else done(it, method, r);
    }
  }
  for (const [method, items] of again) {
    const results = await ctx.sender.send(method, object, items, validateOnly);
    for (const it of items) done(it, method, results.get(it)!);
  }
}

function group(items: Item[], methodOf: (it: Item) => SetupMethod): Map<SetupMethod, Item[]> {
  const out = new Map<SetupMethod, Item[]>();
  for (const it of items) {
    const m = methodOf(it);
    (out.get(m) ?? out.set(m, []).get(m)!).push(it);
  }
  return out;
}

async function writeEmployees(ctx: WriteContext, jobs: Job[], validateOnly: boolean): Promise<void> {
  const { s } = ctx;
  const known = await ctx.employees();
  const items = jobs.map((j, i) => (j.outcome ? undefined : employeeItem(i, j.p, s))).filter((x): x is Item => x !== undefined);
  const methodOf = (it: Item): SetupMethod => (jobs[it.op]!.p.delete ? 'Delete' : known.has(jobs[it.op]!.code.toUpperCase()) ? 'Update' : 'Add');
  await sendWithFallback(ctx, { businessObject: s.employee.businessObject, root: s.employee.root }, group(items, methodOf), validateOnly, (it, method, r) => {
    const j = jobs[it.op]!;
    // Deleting what is not there leaves it as wanted.
    if (r.ok || (method === 'Delete' && r.kind === 'missing')) {
      j.employee = PAST[method];
      if (!validateOnly && method === 'Delete') known.delete(j.code.toUpperCase());
      else if (!validateOnly) known.set(j.code.toUpperCase(), j.code);
    } else j.outcome = { ok: false, error: refusal(r, `labour employee ${j.code}`) };
  });
}

async function writeForms(ctx: WriteContext, jobs: Job[], validateOnly: boolean): Promise<void> {
  const { s } = ctx;
  // A dry run cannot validate the fields of an employee SYSPRO does not hold yet (their KeyField).
  const ready = (j: Job) => !j.outcome && j.employee !== undefined && j.employee !== 'deleted' && !(validateOnly && j.employee === 'added');
  const items = jobs.flatMap((j, i) => (ready(j) ? formItems(i, j.p, j.code) : []));
  const methodOf = (it: Item): SetupMethod => (jobs[it.op]!.employee === 'added' ? 'Add' : 'Update');
  await sendWithFallback(ctx, { businessObject: s.customForm.businessObject, root: s.customForm.root }, group(items, methodOf), validateOnly, (it, _m, r) => {
    const j = jobs[it.op]!;
    if (r.ok) {
      j.formFields += 1;
      return;
    }
    const error = refusal(r, `custom form field ${it.key[2]?.[1] ?? '?'} of ${j.code} (the labour employee itself was written)`);
    // One outcome per operation: the first refusal, unless a later field can succeed next run.
    if (!j.outcome || (!j.outcome.ok && j.outcome.error.code === 'record_rejected' && error.code === 'record_failed')) j.outcome = { ok: false, error };
  });
}

/** One outcome per operation, in order. Outages (unreachable, auth, setup) are thrown. */
export async function writeBatch(ctx: WriteContext, ops: readonly ErpOp[], validateOnly: boolean): Promise<OpOutcome[]> {
  const jobs = ops.map((op) => toJob(op, ctx.s));
  const centres = await ctx.workCentres();
  for (const j of jobs) {
    const problem = localProblem(j, ctx.s, centres);
    if (problem) j.outcome = { ok: false, error: recordRejected(problem) };
  }
  await writeEmployees(ctx, jobs, validateOnly);
  await writeForms(ctx, jobs, validateOnly);
  return jobs.map((j) => j.outcome ?? { ok: true, erpKey: j.code, response: { employee: j.employee ?? null, customFormFields: j.formFields } });
}
