// What an /api route handler can see: the company, the clock, the caller and the webhooks.
import type { Principal } from './auth.js';
import type { Clock } from './clock.js';
import type { DatasetSettings } from './dataset-query.js';
import type { SimCompany } from './company.js';
import { SimError } from './company-inputs.js';
import type { SimEmployee } from './model.js';
import type { WebhookRegistry } from './webhooks.js';

export interface ApiContext {
  company: SimCompany;
  clock: Clock;
  principal: Principal;
  webhooks: WebhookRegistry;
  companyDomain: string;
  /** Mutable: the control API changes it between requests. */
  datasets: DatasetSettings;
}

/** Resolves a path id: digits, or `0` = the employee linked to the credentials (spec Get Employee). */
export function employeeFromPath(ctx: ApiContext, raw: string): SimEmployee {
  if (!/^\d+$/.test(raw)) throw new SimError(404, `Employee not found: ${raw}`);
  const id = Number(raw) === 0 ? ctx.principal.employeeId : Number(raw);
  const e = id === undefined ? undefined : ctx.company.get(id);
  if (!e || e.deleted || ctx.principal.invisible.has(e.id)) throw new SimError(404, `Employee not found: ${raw}`);
  return e;
}

export function isHidden(ctx: ApiContext, alias: string): boolean {
  return ctx.principal.hidden.has(alias);
}
