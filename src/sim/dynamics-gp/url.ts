// SBA URL grammar (erps.md §3.1, §8 B.1):
//   /GPService/Tenants(<tenant>)/help
//   /GPService/Tenants(<tenant>)/Companies[.json]
//   /GPService/Tenants(<tenant>)/Companies(<company>)/<Module…>/<Resource>[(<key>[;<key>])][.json]
// Parentheses may arrive as %28/%29 and names with spaces as %20 (B.1). The text inside the
// parentheses is the name itself after percent-decoding: no OData quotes, no doubled
// apostrophes (assumption: B.1 shows `Companies(Fabrikam, Inc.)` bare). Literal segments
// compare case-insensitively, as IIS/WCF do (a public client spells it `/gpservice/`).

export type Format = 'json' | 'xml';

export type SbaPath =
  | { kind: 'help'; tenant: string }
  | { kind: 'companies'; tenant: string; format: Format }
  | { kind: 'resource'; tenant: string; company: string; collection: string; key?: string[]; format: Format }
  | { kind: 'unknown' };

const KEYED = /^([A-Za-z][A-Za-z0-9]*)(?:\(|%28)(.*)(?:\)|%29)$/i;

function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** `Name(inner)` → name and the raw (still encoded) inner text; greedy, so `Companies(A (B))` keeps `A (B)`. */
function keyed(segment: string): { name: string; inner: string } | undefined {
  const m = KEYED.exec(segment);
  return m ? { name: m[1] ?? '', inner: m[2] ?? '' } : undefined;
}

function stripFormat(segment: string): { segment: string; format: Format } {
  return segment.toLowerCase().endsWith('.json') ? { segment: segment.slice(0, -5), format: 'json' } : { segment, format: 'xml' };
}

const same = (a: string | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();

/** Parses the request path as sent (percent-encoded); unknown shapes are `unknown` (→ 404). */
export function parseSbaPath(rawPath: string): SbaPath {
  const parts = rawPath.split('/').filter(Boolean);
  const tenantSeg = parts[1] === undefined ? undefined : keyed(parts[1]);
  if (!same(parts[0], 'GPService') || !tenantSeg || !same(tenantSeg.name, 'Tenants')) return { kind: 'unknown' };
  const tenant = decode(tenantSeg.inner);
  if (tenant === undefined || parts.length < 3) return { kind: 'unknown' };
  if (parts.length === 3 && same(parts[2], 'help')) return { kind: 'help', tenant };
  const last = stripFormat(parts[parts.length - 1] ?? '');
  if (parts.length === 3 && same(last.segment, 'Companies')) return { kind: 'companies', tenant, format: last.format };
  const companySeg = keyed(parts[2] ?? '');
  if (!companySeg || !same(companySeg.name, 'Companies') || parts.length < 4) return { kind: 'unknown' };
  const company = decode(companySeg.inner);
  if (company === undefined) return { kind: 'unknown' };
  const middle = parts.slice(3, -1);
  const leaf = keyed(last.segment);
  if (!leaf) return { kind: 'resource', tenant, company, collection: [...middle, last.segment].join('/'), format: last.format };
  const key = leaf.inner.split(';').map(decode);
  if (key.some((k) => k === undefined)) return { kind: 'unknown' };
  return { kind: 'resource', tenant, company, collection: [...middle, leaf.name].join('/'), key: key as string[], format: last.format };
}

/** The answer format: resources and the company list follow their suffix; the rest answers JSON errors. */
export function formatOf(p: SbaPath): Format {
  return p.kind === 'resource' || p.kind === 'companies' ? p.format : 'json';
}

/** How the simulator (and its tests) build a company segment: encodeURIComponent inside bare parentheses. */
export function companySegment(company: string): string {
  return `Companies(${encodeURIComponent(company)})`;
}

export function tenantBase(baseUrl: string, tenant: string): string {
  return `${baseUrl}/GPService/Tenants(${encodeURIComponent(tenant)})`;
}
