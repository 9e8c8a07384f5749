// Canonical employee → VendorsV2 record, and BambooHR list values → FinancialDimensionValues
// records (pure; golden-tested). An employee is a vendor of party type "Person" (a string,
// erps.md §8 A.1) with legal names; a termination puts it on hold, a rehire releases it. The
// dimension values travel as `$dimensions` {dimension: value}: the session writes them as the
// display value in the order and with the delimiter of the environment's integration format,
// which only the environment knows (erps.md §5.4).
import { codeFrom } from '../../domain/code-rule.js';
import type { ErpPayload, MapInput, ReferenceInput, ReferencePlan, SourceListValue } from '../types.js';
import type { D365FlowOptions, D365Settings } from './config.js';
import { isDimensionSlot, VENDOR_GROUP_SLOT } from './slots.js';

/** Payload key of the dimension values (not an OData property: the session turns it into the display value). */
export const DIMENSIONS = '$dimensions';
export const DIMENSION_VALUE_TYPE = 'dimensionValue';
export const VENDOR_TYPE = 'vendor';

/** Dimension codes are natural keys of at most 30 characters, descriptions at most 60 (erps.md §8 A.2). */
const CODE_MAX = 30;
const DESCRIPTION_MAX = 60;
const cut = (s: string, n: number) => [...s].slice(0, n).join('');

export function mapEmployee(input: MapInput, s: D365Settings): ErpPayload {
  const { state, refs, fields, kind } = input;
  const o = input.options as D365FlowOptions;
  // Legal names unless the flow says preferred: vendor records drive payments (issue 8 §5).
  const first = input.names === 'preferred' ? (state.preferredName ?? state.firstName) : state.firstName;
  // F&O strings are never null: empty is "" (erps.md §5.2).
  const body: ErpPayload = {
    dataAreaId: o.dataAreaId,
    VendorAccountNumber: input.key,
    VendorPartyType: 'Person',
    PersonFirstName: first ?? '',
    PersonLastName: state.lastName ?? '',
    PrimaryEmailAddress: state.workEmail ?? '',
    OnHoldStatus: kind === 'deactivate' ? s.onHold : s.released,
  };
  const group = refs[VENDOR_GROUP_SLOT];
  if (group !== undefined) body.VendorGroupId = group;
  const currency = o.currency ?? s.currency;
  const terms = o.paymentTerms ?? s.paymentTerms;
  const method = o.paymentMethod ?? s.paymentMethod;
  if (currency) body.CurrencyCode = currency;
  if (terms) body.DefaultPaymentTermsName = terms;
  if (method) body.DefaultVendorPaymentMethodName = method;
  for (const [name, value] of Object.entries(fields)) body[name] = value ?? '';
  // Only the dimensions the flow could map: one it cannot (a termination still goes out) keeps its segment.
  const dims = Object.entries(refs).filter(([slot]) => isDimensionSlot(slot));
  if (dims.length > 0) body[DIMENSIONS] = Object.fromEntries(dims);
  return body;
}

/** The code of a new dimension value: the flow's pattern, at most 30 characters, never empty. */
export function dimensionCode(pattern: string, option: Pick<SourceListValue, 'id' | 'name'>): string {
  return cut(codeFrom(pattern, option), CODE_MAX) || cut(option.id, CODE_MAX);
}

/**
 * One FinancialDimensionValues record per BambooHR value of a provisioned dimension that its
 * lookup does not cover: created with the flow's code rule, described with the BambooHR name
 * (a rename updates the description, the code linked before stays), suspended when BambooHR
 * archives it and the flow says so. Values are shared (LegalEntityId ''), erps.md §8 A.2.
 */
export function planReferences(input: ReferenceInput, _s: D365Settings): ReferencePlan[] {
  const out: ReferencePlan[] = [];
  for (const [slot, rule] of Object.entries(input.flow.references)) {
    if (rule.kind !== 'lookup' || !rule.provision || !isDimensionSlot(slot)) continue;
    for (const v of input.lists[rule.from] ?? []) {
      if (rule.table.map.has(v.name)) continue;
      const sourceKey = `${slot}#${v.id}`;
      const linked = input.linked(sourceKey);
      // An option archived before mlc ever wrote it is not created at all.
      if (v.archived && linked === null) continue;
      const code = linked ?? dimensionCode(rule.provision.code, v);
      const deactivate = v.archived && rule.provision.deactivate;
      out.push({
        type: DIMENSION_VALUE_TYPE,
        sourceKey,
        key: code,
        label: `dimension value ${slot}/${code}`,
        deactivate,
        payload: { FinancialDimension: slot, LegalEntityId: '', DimensionValue: code, Description: cut(v.name, DESCRIPTION_MAX) },
        needs: [],
        // A value being suspended is offered to nobody: its employees park as unmapped rather than fail in D365.
        ...(deactivate ? {} : { provides: { slot, value: v.name, id: code } }),
      });
    }
  }
  return out;
}
