// The e.net operations behind /SYSPROWCFService/Rest (erps.md §1.2, §8 C.2): Logon, Logoff,
// GetVersion, Query/Query, Query/Fetch, Setup/Add|Update|Delete, Transaction/Post|Build.
// All GET; every answer is an HTTP 200, `ERROR: …` text included (§1.3).
import { Router } from '../common/router.js';
import { EnetError } from './errors.js';
import { BASE_PATH, enetResponse, params, type SimRequest, type SimResponse } from './http.js';
import { runFetch, runQuery, type QueryConfig } from './query.js';
import type { SessionStore } from './sessions.js';
import { runSetup, type SetupConfig, type SetupMethod, type SetupSpec } from './setup.js';
import type { SysproTables } from './tables.js';
import type { SysproMessages, SysproStats } from './types.js';
import { XmlInError } from './xml.js';

export interface EnetContext {
  sessions: SessionStore;
  tables: SysproTables;
  stats: SysproStats;
  operators: Record<string, string>;
  companies: Record<string, string>;
  messages: SysproMessages;
  logonFormat: 'text' | 'json';
  version: string;
  licensed: Set<string>;
  setupSpecs: ReadonlyMap<string, SetupSpec>;
  setupConfig: SetupConfig;
  queryConfig: QueryConfig;
}

type Params = Map<string, string>;

/** Operator and company codes match regardless of case, as SYSPRO's logon screen does (assumption). */
function lookup(table: Record<string, string>, code: string): [string, string] | undefined {
  return Object.entries(table).find(([k]) => k.toUpperCase() === code.trim().toUpperCase());
}

const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

function logon(ctx: EnetContext, p: Params): SimResponse {
  const operator = p.get('operator') ?? '';
  const company = p.get('companyid') ?? '';
  const fail = (template: string): SimResponse => {
    ctx.stats.logonFailures += 1;
    return enetResponse(fill(template, { operator, company }));
  };
  const op = lookup(ctx.operators, operator);
  if (!op) return fail(ctx.messages.unknownOperator);
  if (op[1] !== (p.get('operatorpassword') ?? '')) return fail(ctx.messages.invalidOperatorPassword);
  const co = lookup(ctx.companies, company);
  if (!co) return fail(ctx.messages.invalidCompany);
  if (co[1] !== (p.get('companypassword') ?? '')) return fail(ctx.messages.invalidCompanyPassword);
  const session = ctx.sessions.logon(op[0], co[0]);
  return enetResponse(ctx.logonFormat === 'json' ? JSON.stringify(session.userId) : session.userId);
}

function logoff(ctx: EnetContext, p: Params): SimResponse {
  if (ctx.sessions.logoff(p.get('userid') ?? '')) {
    ctx.stats.logoffs += 1;
    return enetResponse('0');
  }
  ctx.stats.logoffFailures += 1;
  return enetResponse(ctx.messages.logoffInvalidSession);
}

/** The live session is checked first, then the business object, then the documents. */
function guarded(ctx: EnetContext, p: Params, run: () => string): SimResponse {
  if (!ctx.sessions.use(p.get('userid') ?? '')) {
    ctx.stats.invalidSessionCalls += 1;
    return enetResponse(ctx.messages.invalidSession);
  }
  try {
    return enetResponse(run());
  } catch (err) {
    if (err instanceof EnetError) return enetResponse(err.text);
    if (err instanceof XmlInError) return enetResponse(`ERROR: ${err.message}`);
    throw err;
  }
}

/** A business object the licence lacks, or that does not offer this method: e.net exception 100000 (§1.3). */
function businessObject(ctx: EnetContext, p: Params, offered: (code: string) => boolean): string {
  const code = (p.get('businessobject') ?? '').trim().toUpperCase();
  if (!ctx.licensed.has(code) || !offered(code)) {
    ctx.stats.unknownBusinessObject += 1;
    throw new EnetError(ctx.messages.unknownBusinessObject);
  }
  return code;
}

function setup(ctx: EnetContext, p: Params, method: SetupMethod): string {
  const spec = ctx.setupSpecs.get(businessObject(ctx, p, (c) => ctx.setupSpecs.has(c)));
  if (!spec) throw new EnetError(ctx.messages.unknownBusinessObject);
  ctx.stats.setupDocuments += 1;
  const result = runSetup(spec, ctx.setupConfig, method, ctx.tables, p.get('xmlparameters'), p.get('xmlin') ?? '');
  ctx.stats.itemsRead += result.read;
  ctx.stats.itemsInvalid += result.invalid;
  ctx.stats.writes += result.applied;
  ctx.stats.itemsLocked += result.locked;
  ctx.stats.faultsInjected += result.locked;
  return result.xml;
}

function query(ctx: EnetContext, p: Params): string {
  businessObject(ctx, p, (c) => c === 'COMFND');
  ctx.stats.queries += 1;
  return runQuery(ctx.queryConfig, ctx.tables, p.get('xmlin') ?? '');
}

function fetch(ctx: EnetContext, p: Params): string {
  ctx.stats.queries += 1;
  return runFetch(ctx.queryConfig, ctx.tables, p.get('xmlin') ?? '');
}

type Op = (ctx: EnetContext, p: Params) => SimResponse;

const OPERATIONS: Record<string, Op> = {
  logon,
  logoff,
  getversion: (ctx) => enetResponse(ctx.version),
  'query/query': (ctx, p) => guarded(ctx, p, () => query(ctx, p)),
  'query/fetch': (ctx, p) => guarded(ctx, p, () => fetch(ctx, p)),
  'setup/add': (ctx, p) => guarded(ctx, p, () => setup(ctx, p, 'add')),
  'setup/update': (ctx, p) => guarded(ctx, p, () => setup(ctx, p, 'update')),
  'setup/delete': (ctx, p) => guarded(ctx, p, () => setup(ctx, p, 'delete')),
  // No transaction business object is simulated: every one answers 100000 after the session check.
  'transaction/post': (ctx, p) => guarded(ctx, p, () => businessObject(ctx, p, () => false)),
  'transaction/build': (ctx, p) => guarded(ctx, p, () => businessObject(ctx, p, () => false)),
};

/** GET-only routes, lower-cased: WCF matches UriTemplate literals without regard to case. */
export function enetRouter(): Router<EnetContext> {
  const router = new Router<EnetContext>();
  for (const [path, op] of Object.entries(OPERATIONS)) router.add('GET', `${BASE_PATH.toLowerCase()}/${path}`, (req: SimRequest, _p, ctx) => op(ctx, params(req)));
  return router;
}
