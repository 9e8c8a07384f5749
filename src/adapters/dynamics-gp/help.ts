// `mlc config check --online` for GP: the paths mlc will use must be on the tenant's /help
// page (erps.md §3.1; §8 B.2: "discover paths at run time from the tenant's /help page"), with
// the verbs mlc needs; the company must be one the Windows account may use; a journal flow's
// accounts (every combination its lookups can produce), cost centres and offset must exist and
// be active. No dump of a real /help page is public, so the page is read loosely: rows of
// <td>METHOD</td><td>URI</td> where it has them, the path anywhere in its text otherwise.
import type { FlowSettings } from '../../config/types.js';
import { isJournalFlow, journalOptions } from '../../app/journal/settings.js';
import type { SelfCheckFinding } from '../types.js';
import type { GpClient } from './client.js';
import type { GpResource, GpSettings } from './config.js';
import type { GpTables } from './session.js';

export interface HelpEntry {
  method: string;
  uri: string;
}

const decode = (s: string) => s.replace(/<[^>]*>/g, '').replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&').trim();

export function helpEntries(html: string): HelpEntry[] {
  const out: HelpEntry[] = [];
  for (const m of html.matchAll(/<tr[^>]*>\s*<td[^>]*>([\s\S]*?)<\/td>\s*<td[^>]*>([\s\S]*?)<\/td>/gi)) {
    const method = decode(m[1]!).toUpperCase();
    if (/^(GET|POST|PATCH|PUT|DELETE)$/.test(method)) out.push({ method, uri: decode(m[2]!) });
  }
  return out;
}

/** Whether the page lists `path` (below Companies(…)/) for `method`, keyed (`(…)`) or not. */
function listed(entries: readonly HelpEntry[], path: string, method: string, keyed: boolean): boolean {
  const want = path.toLowerCase();
  return entries.some((e) => {
    if (e.method !== method) return false;
    const rest = e.uri.toLowerCase().replace(/^.*?companies\([^)]*\)\//, '');
    return keyed ? rest.startsWith(`${want}(`) : rest === want || rest === `${want}.json`;
  });
}

const NEEDS: Record<GpResource, Array<[string, boolean]>> = {
  vendors: [['GET', false], ['POST', false], ['PATCH', true]],
  employees: [['GET', false], ['POST', false], ['PATCH', true]],
  accounts: [['GET', false]],
  costCenters: [['GET', false]],
  periods: [['GET', false]],
  journals: [['GET', false], ['POST', false], ['DELETE', true]],
};

function resourcesUsed(s: GpSettings, flows: readonly FlowSettings[]): GpResource[] {
  const used = new Set<GpResource>(['costCenters']);
  for (const f of flows) {
    if (isJournalFlow(f)) for (const r of ['accounts', 'periods', 'journals'] as const) used.add(r);
    else used.add(s.employees.resource);
    if (f.references.location) used.add('accounts');
  }
  return [...used];
}

function pathFindings(s: GpSettings, html: string, flows: readonly FlowSettings[]): SelfCheckFinding[] {
  const entries = helpEntries(html);
  const out: SelfCheckFinding[] = [];
  for (const r of resourcesUsed(s, flows)) {
    const path = s.paths[r];
    const where = `targets.${s.name}.paths.${r}`;
    if (entries.length === 0) {
      if (!html.toLowerCase().includes(`/${path.toLowerCase()}`)) out.push({ severity: 'error', where, message: `${path} does not appear on the server's /help page` });
      else out.push({ severity: 'warning', where, message: `${path} appears on /help, but its methods could not be read from the page` });
      continue;
    }
    const missing = NEEDS[r].filter(([m, keyed]) => !listed(entries, path, m, keyed)).map(([m, keyed]) => `${m} ${path}${keyed ? '(…)' : ''}`);
    if (missing.length === NEEDS[r].length) {
      const partner = [...new Set(entries.map((e) => e.uri.replace(/^.*?Companies\([^)]*\)\//i, '').replace(/\(.*$/, '')).filter((u) => !u.startsWith('Companies')))];
      out.push({ severity: 'error', where, message: `${path} is not on the server's /help page; it lists: ${partner.join(', ')}` });
    } else if (missing.length > 0) out.push({ severity: 'error', where, message: `the /help page does not offer ${missing.join(', ')}` });
  }
  return out;
}

function fill(template: string, refs: Record<string, string>): string | undefined {
  let unknown = false;
  const out = template.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (_m, k: string) => refs[k] ?? ((unknown = true), ''));
  return unknown ? undefined : out;
}

/** Every account and cost centre a journal flow's lookups can produce, checked against GP. */
async function journalFindings(s: GpSettings, tables: GpTables, flow: FlowSettings): Promise<SelfCheckFinding[]> {
  const o = journalOptions(flow);
  const [accounts, centres] = await Promise.all([tables.accounts.rows(), tables.costCenters.rows()]);
  const values = Object.entries(flow.references).map(([slot, r]) => [slot, r.kind === 'value' ? [r.value] : [...new Set([...r.table.map.values(), ...(r.default ? [r.default] : [])])]] as const);
  let combos: Array<Record<string, string>> = [{}];
  for (const [slot, vs] of values) combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [slot]: v })));
  const out: SelfCheckFinding[] = [];
  const bad = (kind: string, table: Map<string, { IsActive: boolean }>, ids: Iterable<string>, where: string) => {
    const missing = [...new Set(ids)].filter((id) => !table.get(id.toUpperCase())?.IsActive);
    if (missing.length) out.push({ severity: 'error', where, message: `${kind} missing or inactive in GP: ${missing.slice(0, 12).join(', ')}${missing.length > 12 ? ` and ${missing.length - 12} more` : ''}` });
  };
  bad('offset account', accounts, [o.offsetAccount], `flows.${flow.name}.options.offsetAccount`);
  bad('accounts', accounts, combos.map((c) => fill(o.account, c)).filter((a): a is string => a !== undefined), `flows.${flow.name}.options.account`);
  if (o.costCenter) bad('cost centres', centres, combos.map((c) => fill(o.costCenter!, c)).filter((a): a is string => a !== undefined), `flows.${flow.name}.options.costCenter`);
  return out;
}

export async function selfCheck(s: GpSettings, client: GpClient, tables: GpTables, flows: readonly FlowSettings[]): Promise<SelfCheckFinding[]> {
  const companies = await client.companies();
  if (!companies.some((c) => c.Name === s.company)) {
    return [{ severity: 'error', where: `targets.${s.name}.company`, message: `"${s.company}" is not a company this Windows account may use; GP lists ${companies.map((c) => `"${c.Name}"`).join(', ') || 'none'}` }];
  }
  const out = pathFindings(s, await client.help(), flows);
  if (out.some((f) => f.severity === 'error')) return out;
  for (const f of flows.filter(isJournalFlow)) out.push(...(await journalFindings(s, tables, f)));
  return out;
}
