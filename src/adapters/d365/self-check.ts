// `mlc config check --online` for D365: the names the configuration uses, checked against the
// environment's $metadata (the vendor entity set, its dimension display-value field, the
// fields flows map, the dimension entities), the integration format against the flows'
// dimension slots, and each flow's legal entity and vendor group against VendorGroups.
import type { FlowSettings } from '../../config/types.js';
import type { SelfCheckFinding } from '../types.js';
import type { D365Client } from './client.js';
import type { D365FlowOptions, D365Settings } from './config.js';
import { describeFormat } from './display.js';
import type { FormatInfo } from './entities.js';
import { parseMetadata, type EntityModel } from './metadata.js';
import { groupsByCompany, readVendorGroups } from './setup.js';
import { isDimensionSlot, VENDOR_GROUP_SLOT } from './slots.js';

type Finding = SelfCheckFinding;
const error = (where: string, message: string): Finding => ({ severity: 'error', where, message });

function entityFindings(s: D365Settings, model: EntityModel, flows: readonly FlowSettings[]): Finding[] {
  const t = `targets.${s.name}`;
  const out: Finding[] = [];
  const vendor = model.sets.get(s.vendorEntity);
  if (!vendor) {
    const alternatives = ['VendorsV2', 'VendorsV3'].filter((n) => model.sets.has(n));
    out.push(error(`${t}.vendorEntity`, `the environment has no entity set ${s.vendorEntity}${alternatives.length ? ` (it has ${alternatives.join(', ')})` : ''}`));
  } else {
    if (!vendor.has(s.dimensionField)) out.push(error(`${t}.dimensionField`, `${s.vendorEntity} has no property ${s.dimensionField} (erps.md: VendorsV2 calls it DefaultLedgerDimensionDisplayValue)`));
    for (const f of flows) for (const field of Object.keys(f.fields)) if (!vendor.has(field)) out.push(error(`flows.${f.name}.fields.${field}`, `${s.vendorEntity} has no property ${field}`));
  }
  const needed = ['VendorGroups', ...(s.dimensionFormat ? [] : ['DimensionIntegrationFormats', 'DimensionParameters'])];
  if (flows.some((f) => Object.entries(f.references).some(([slot, r]) => isDimensionSlot(slot) && r.kind === 'lookup' && r.provision))) needed.push('FinancialDimensionValues');
  for (const set of needed) if (!model.sets.has(set)) out.push(error(t, `the environment has no entity set ${set}, which mlc reads`));
  return out;
}

function formatFindings(s: D365Settings, info: FormatInfo, flows: readonly FlowSettings[]): Finding[] {
  const used = flows.flatMap((f) => Object.keys(f.references).filter(isDimensionSlot).map((slot) => ({ flow: f.name, slot })));
  if (used.length === 0) return [];
  if (!info.format) return [error(`targets.${s.name}.dimensionFormat`, `${info.problem ?? 'no dimension format'}: vendors with dimensions cannot be written`)];
  const names = new Set(info.format.dimensions.map((d) => d.toUpperCase()));
  return used.filter((u) => !names.has(u.slot.toUpperCase())).map((u) => error(`flows.${u.flow}.references.${u.slot}`, `${u.slot} is not a dimension of the default dimension format ${describeFormat(info.format!)}`));
}

function legalEntityFindings(groups: Map<string, Set<string>>, flows: readonly FlowSettings[]): Finding[] {
  const out: Finding[] = [];
  for (const f of flows) {
    const company = (f.options as Partial<D365FlowOptions>).dataAreaId ?? '';
    const known = groups.get(company);
    if (!known) {
      out.push(error(`flows.${f.name}.options.dataAreaId`, `no vendor groups in legal entity ${company}: check the legal entity id (and that the integration user may see it)`));
      continue;
    }
    const rule = f.references[VENDOR_GROUP_SLOT];
    if (rule?.kind === 'lookup' && rule.provision) out.push(error(`flows.${f.name}.references.${VENDOR_GROUP_SLOT}.provision`, 'mlc creates dimension values, not vendor groups: create the groups in D365 and map them'));
    const ids = rule?.kind === 'value' ? [rule.value] : rule?.kind === 'lookup' ? [...rule.table.map.values(), ...(rule.default ? [rule.default] : [])] : [];
    for (const id of new Set(ids)) if (!known.has(id.toUpperCase())) out.push(error(`flows.${f.name}.references.${VENDOR_GROUP_SLOT}`, `vendor group ${id} does not exist in legal entity ${company}`));
  }
  return out;
}

export async function selfCheck(s: D365Settings, client: D365Client, flows: readonly FlowSettings[], format: () => Promise<FormatInfo>): Promise<Finding[]> {
  const [model, info, groups] = await Promise.all([client.metadata().then(parseMetadata), format(), readVendorGroups(client).then(groupsByCompany)]);
  return [...entityFindings(s, model, flows), ...formatFindings(s, info, flows), ...legalEntityFindings(groups, flows)];
}
