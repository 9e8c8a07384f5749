// SBA URLs (erps.md §3.1, §8 B.1): `/GPService/Tenants(<tenant>)/Companies(<company>)/<path>`,
// `(key)` or `(a;b)` for one record, `.json` for JSON answers (§3.2). Company names hold
// spaces, commas, apostrophes and ampersands ("O'Neill & Sons, Ltd."): the name goes inside
// the parentheses percent-encoded (encodeURIComponent), never quoted OData-style, as the
// public clients send `Companies(Fabrikam,%20Inc.)` bare (§8 B.1). Key parts are encoded one
// by one, so a `;` inside a key cannot split it.
import type { GpSettings } from './config.js';

export function tenantPath(s: Pick<GpSettings, 'tenant'>): string {
  return `/GPService/Tenants(${encodeURIComponent(s.tenant)})`;
}

export function companyPath(s: Pick<GpSettings, 'tenant' | 'company'>): string {
  return `${tenantPath(s)}/Companies(${encodeURIComponent(s.company)})`;
}

/** `<company>/<resource>[(<key>)].json[?$filter=…]`, the query spelled with %20 (not +). */
export function resourceUrl(s: Pick<GpSettings, 'tenant' | 'company'>, path: string, key?: readonly string[], filter?: string): string {
  const one = key ? `(${key.map((k) => encodeURIComponent(k)).join(';')})` : '';
  const query = filter ? `?$filter=${encodeURIComponent(filter)}` : '';
  return `${companyPath(s)}/${path}${one}.json${query}`;
}

/** A string literal in a $filter: quoted, apostrophes doubled (the OData rule; SBA's own is not documented). */
export function quoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
