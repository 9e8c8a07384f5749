// Planning one flow of a run (sync or replay: one pipeline): the reference records it keeps in
// step, then its employees, then the links between records: a record that points at another
// one created in this run waits for it; an optional link that cannot be made now is written
// without it and owed; a required one that cannot be made parks the record (DESIGN §8).
import type { SourceListValue } from '../../adapters/types.js';
import type { DatedRow } from '../../domain/dated.js';
import type { Link } from '../../store/links.js';
import type { State } from '../../store/state.js';
import { planFor, type FlowPlanner, type PlanItem } from './plan.js';
import { planReferenceItems, plansReferences } from './plan-references.js';
import type { Provided } from './refs.js';
import { refKey } from './scheduler.js';
import type { EmployeeView } from './view.js';

export interface PlanEnv {
  state: State | undefined;
  view: EmployeeView;
  asOf: string;
  seenOn: (row: DatedRow) => string;
  /** BambooHR list values with headcounts (read once per run, on first use). */
  lists: (fields: readonly string[]) => Promise<Record<string, SourceListValue[]>>;
}

export interface FlowScope {
  /** Employee ids to plan. */
  employees: readonly string[];
  /** Reference records to plan: all, or only these source keys (a replay). */
  references: 'all' | ReadonlySet<string>;
}

function failedItem(fp: FlowPlanner, id: string, reason: string, link: Link | undefined): PlanItem {
  return {
    flow: fp.flow.name, family: 'employee', type: 'employee', employeeId: id, label: null, kind: link?.erpKey ? 'update' : 'create', status: 'failed',
    reason, errorCode: 'source_missing', key: fp.adapter.spec.naturalKey(id, fp.target), erpKey: link?.erpKey ?? null, payload: null, payloadHash: null,
    sourceHash: `missing:${reason}`, effectiveDate: null, retro: false, refs: {}, needs: [], linked: {}, waitsFor: [],
  };
}

/** The reference records of a flow (all, or a replay's), and what they provide to its employees. */
export async function planReferencesOf(env: PlanEnv, fp: FlowPlanner, scope: FlowScope): Promise<{ items: PlanItem[]; provided: Provided | undefined; links: Map<string, Link> }> {
  const links = env.state?.links.byEmployee(fp.flow.name, 'reference') ?? new Map<string, Link>();
  if (!plansReferences(fp)) return { items: [], provided: undefined, links };
  const fields = [...new Set(Object.values(fp.flow.references).flatMap((r) => (r.kind === 'lookup' ? [r.from] : [])))];
  const { items, provided } = planReferenceItems(fp, await env.lists(fields), links);
  const wanted = scope.references;
  return { items: wanted === 'all' ? items : items.filter((i) => wanted.has(i.employeeId)), provided, links };
}

/** The ids and, for a chunk, the supervisors outside it: their links are read in the same query. */
function withSupervisors(view: EmployeeView, ids: readonly string[]): readonly string[] {
  if (ids.length <= 20) return ids;
  const inside = new Set(ids);
  const outside = new Set<string>();
  for (const id of ids) {
    const sup = view.supervisorOf(id);
    if (sup && !inside.has(sup)) outside.add(sup);
  }
  return outside.size ? [...ids, ...outside] : ids;
}

/** Employees of a flow (a run's candidates, or a chunk of them). `refLinks`: the reference records' links now. */
export function planEmployees(env: PlanEnv, fp: FlowPlanner, ids: readonly string[], provided: Provided | undefined, refLinks: ReadonlyMap<string, Link>): PlanItem[] {
  if (!(fp.adapter.spec.families ?? ['employee']).includes('employee') || !fp.adapter.mapEmployee) return [];
  env.view.prepare(ids);
  const links = env.state?.links.lookup(fp.flow.name, withSupervisors(env.view, ids)) ?? new Map<string, Link>();
  const linkedKey = (on: { family: string; sourceKey: string }) => (on.family === 'reference' ? refLinks : links).get(on.sourceKey)?.erpKey ?? null;
  const out: PlanItem[] = [];
  for (const id of ids) {
    const change = env.view.change(id);
    if (change?.action === 'missing') {
      out.push(failedItem(fp, id, 'listed as changed by BambooHR but absent from its answer (not visible to this API key, or removed); read again by the next run', links.get(id)));
      continue;
    }
    const st = env.view.stateAsOf(id, env.asOf);
    if (!st) {
      out.push(failedItem(fp, id, 'BambooHR has not returned this employee yet; read again by the next run', links.get(id)));
      continue;
    }
    out.push(...planFor(fp, { state: st, rows: env.view.rows(id), link: links.get(id), linkedKey, seenOn: env.seenOn, provided, stateOn: (d) => env.view.stateAsOf(id, d)! }, env.asOf));
  }
  return out;
}

/**
 * Links between this flow's records: wait for what is created in this run, park what needs a
 * record that cannot land. Items that wait keep their remap closure; the others let it go.
 * `others`: records of the run planned elsewhere (a big run's reference records, for its
 * later chunks of employees) that count as being created or refused, and are left alone.
 */
export function resolveWaits(items: PlanItem[], others: readonly PlanItem[] = []): void {
  const all = others.length ? [...others, ...items] : items;
  const creating = new Set(all.filter((i) => i.status === 'planned' && i.kind === 'create').map((i) => refKey(i.family, i.employeeId)));
  const refused = new Map(all.filter((i) => i.status === 'parked' || i.status === 'failed').map((i) => [refKey(i.family, i.employeeId), i]));
  for (const item of items) {
    if (item.status !== 'planned' && item.status !== 'unchanged') continue;
    for (const n of item.needs) {
      if (item.linked[n.slot] != null) continue;
      const k = refKey(n.on.family, n.on.sourceKey);
      if (creating.has(k)) {
        item.waitsFor.push(n.on);
        if (item.status === 'unchanged') item.status = 'planned';
      } else if (n.required) {
        const why = refused.get(k)?.reason;
        Object.assign(item, { status: 'parked', errorCode: 'dependency', reason: `waits for ${n.label}${why ? ` (${why})` : ', which is not in the ERP yet'}` });
        break;
      }
    }
    if (item.waitsFor.length === 0) item.remap = undefined;
  }
}

export async function planFlow(env: PlanEnv, fp: FlowPlanner, scope: FlowScope): Promise<PlanItem[]> {
  const refs = await planReferencesOf(env, fp, scope);
  const items = [...refs.items, ...planEmployees(env, fp, scope.employees, refs.provided, refs.links)];
  resolveWaits(items);
  return items;
}
