// The resource table: which resources this server has and where (erps.md §8 B.2 advice:
// paths differ per site and are discovered from /help, so every path is configurable and
// each partner service can be switched off). Stock SBA has only Vendors of these (B.1).
import { employeesResource } from './employees.js';
import { journalsResource } from './journals.js';
import { accountsResource, costCentersResource, periodsResource } from './reference.js';
import type { ResourceDef } from './resource.js';
import type { GpSimOptions } from './types.js';
import { vendorsResource } from './vendors.js';

export interface ActiveResource {
  def: ResourceDef;
  /** Below `Companies(<name>)/`, as configured. */
  path: string;
  customActionCreate: boolean;
}

const SEGMENT = /^[A-Za-z][A-Za-z0-9]*$/;

export function activeResources(opts: GpSimOptions): ActiveResource[] {
  const requireCustomAction = opts.journalRequiresCustomAction ?? true;
  const defs = [vendorsResource, employeesResource(opts.employeeRequiredFields), accountsResource, costCentersResource, periodsResource, journalsResource(requireCustomAction)];
  const out: ActiveResource[] = [];
  for (const def of defs) {
    const setting = opts.resources?.[def.name];
    if (!(setting?.enabled ?? def.defaultEnabled)) continue;
    const path = (setting?.path ?? def.defaultPath).replace(/^\/+|\/+$/g, '');
    if (!path.split('/').every((s) => SEGMENT.test(s))) throw new RangeError(`resources.${def.name}.path must be segments of letters and digits (e.g. Purchasing/Vendors), got ${path}`);
    if (out.some((r) => r.path.toLowerCase() === path.toLowerCase())) throw new RangeError(`resources.${def.name}.path ${path} is already used`);
    out.push({ def, path, customActionCreate: def.name === 'journals' && requireCustomAction });
  }
  return out;
}

/** Paths compare case-insensitively, as IIS/WCF routes do. */
export function findResource(list: readonly ActiveResource[], collection: string): ActiveResource | undefined {
  const wanted = collection.toLowerCase();
  return list.find((r) => r.path.toLowerCase() === wanted);
}
