// What a resource offers the dispatcher: handlers per verb (erps.md §3.2: GET list or one,
// POST to the collection creates, PATCH updates, DELETE deletes; "not all actions are
// available on each of the objects", §8 B.1), plus what the /help page says about it.
import type { Format, GpResponse, SimRequest } from './http.js';
import type { GpCompanyStore } from './store.js';
import type { GpStats, ResourceName } from './types.js';

export interface Call {
  req: SimRequest;
  store: GpCompanyStore;
  format: Format;
  stats: GpStats;
  /** Absolute URL of one record of this resource, for `Location`. */
  location(key: string): string;
}

export interface ResourceHandlers {
  list?(c: Call): GpResponse;
  get?(c: Call, key: string[]): GpResponse;
  create?(c: Call): GpResponse;
  update?(c: Call, key: string[]): GpResponse;
  remove?(c: Call, key: string[]): GpResponse;
}

export interface ResourceDef {
  name: ResourceName;
  /** Below `Companies(<name>)/`. */
  defaultPath: string;
  defaultEnabled: boolean;
  /** Key template for /help, e.g. `{VendorId}` or `{Year};{PeriodId}`. */
  keyTemplate: string;
  keyArity: number;
  /** Plural noun for /help lines ("vendors"). */
  noun: string;
  /** Stock SBA object or a partner service (erps.md §8 B.1). */
  origin: 'stock' | 'partner';
  handlers: ResourceHandlers;
}

export interface HelpLine {
  method: string;
  keyed: boolean;
  description: string;
}

/** The verbs a resource answers, in /help order. */
export function helpLines(def: ResourceDef, customActionCreate: boolean): HelpLine[] {
  const h = def.handlers;
  const one = def.noun.replace(/s$/, '');
  const lines: Array<HelpLine | false> = [
    !!h.list && { method: 'GET', keyed: false, description: `Gets the list of ${def.noun}; $filter on ModifiedDate and more (see README).` },
    !!h.get && { method: 'GET', keyed: true, description: `Gets one ${one}.` },
    !!h.create && { method: 'POST', keyed: false, description: `Creates a ${one}${customActionCreate ? ' (header GP-Custom-Action: POST)' : ''}.` },
    !!h.update && { method: 'PATCH', keyed: true, description: `Updates an existing ${one}.` },
    !!h.remove && { method: 'DELETE', keyed: true, description: `Deletes a ${one}.` },
  ];
  return lines.filter((l): l is HelpLine => l !== false);
}
