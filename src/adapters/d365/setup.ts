// The environment's setup mlc depends on, read once per session: the active "Default
// dimension format" for integrating applications and the segment delimiter (erps.md §5.4,
// §8 A.2: DimensionIntegrationFormats, DimensionParameters; the setup is global, not per
// company), and the vendor groups of every legal entity (§8 A.1: VendorGroups, to check
// VendorGroupId before a create).
import type { D365Client } from './client.js';
import { DELIMITERS, type D365Settings } from './config.js';
import type { FormatInfo } from './entities.js';
import { isSetupError } from './errors.js';

const DEFAULT_FORMAT = 'DataEntityDefaultDimensionFormat';

export async function readFormat(client: D365Client, s: D365Settings): Promise<FormatInfo> {
  if (s.dimensionFormat) return { format: s.dimensionFormat, problem: undefined };
  try {
    const [formats = [], parameters = []] = await client.rowsMany([{ path: 'DimensionIntegrationFormats', query: {} }, { path: 'DimensionParameters', query: {} }]);
    const active = formats.find((f) => f.DimensionFormatType === DEFAULT_FORMAT && f.IsActive === 'Yes');
    const delimiterName = String(parameters[0]?.DimensionSegmentDelimiter ?? 'Hyphen');
    const delimiter = DELIMITERS[delimiterName];
    if (!delimiter) return { format: undefined, problem: `the segment delimiter ${delimiterName} of DimensionParameters is not one mlc knows` };
    if (!active) return { format: undefined, problem: 'no active Default dimension format is set up for integrating applications (DimensionIntegrationFormats)' };
    const dimensions = String(active.FinancialDimensionFormat ?? '').split(delimiter).map((d) => d.trim()).filter(Boolean);
    if (dimensions.length === 0) return { format: undefined, problem: `the active Default dimension format "${String(active.DimensionFormatName ?? '')}" names no dimensions` };
    return { format: { dimensions, delimiter }, problem: undefined };
  } catch (err) {
    // Auth and reachability stop the run; a missing entity is a setup problem, said per record.
    if (isSetupError(err)) return { format: undefined, problem: `the dimension format cannot be read: ${(err as Error).message}` };
    throw err;
  }
}

export interface VendorGroup {
  dataAreaId: string;
  id: string;
  description: string;
}

export async function readVendorGroups(client: D365Client): Promise<VendorGroup[]> {
  const rows = await client.rows('VendorGroups', { 'cross-company': 'true', $select: 'dataAreaId,VendorGroupId,Description' });
  return rows.map((r) => ({ dataAreaId: String(r.dataAreaId ?? '').toLowerCase(), id: String(r.VendorGroupId ?? ''), description: String(r.Description ?? '') }));
}

/** VendorGroupIds (upper-cased: SQL collation) by legal entity. */
export function groupsByCompany(groups: readonly VendorGroup[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const g of groups) out.set(g.dataAreaId, (out.get(g.dataAreaId) ?? new Set()).add(g.id.toUpperCase()));
  return out;
}
