// The two entities mlc writes, described once for the upsert (upsert.ts): how an operation's
// record is found (key, read filter), and what to send once its current state is known —
// a POST when it is absent, a PATCH of the differences when it is there, nothing when it
// already is as wanted. Vendors: erps.md §5.3, §8 A.1; dimension values: §8 A.2.
import { MlcError } from '../../domain/errors.js';
import type { ErpOp } from '../types.js';
import { literal } from './client.js';
import type { D365Settings, DimensionFormatSetting } from './config.js';
import { describeFormat, displayValue, sameDisplay } from './display.js';
import { DIMENSION_VALUE_TYPE, DIMENSIONS } from './map.js';

export type Row = Record<string, unknown>;

export type Step = { send: 'POST' | 'PATCH'; body: Row } | { send: 'none'; note: string } | { error: MlcError };

export interface FormatInfo {
  format: DimensionFormatSetting | undefined;
  /** Why there is none (no active Default format, or the entities cannot be read). */
  problem: string | undefined;
}

export interface StepContext {
  format: FormatInfo | undefined;
  /** VendorGroupIds (upper-cased) by legal entity, when VendorGroups could be read. */
  groups: Map<string, Set<string>> | undefined;
  /** The record's create met its duplicate key in an earlier round. */
  afterDuplicate: boolean;
}

export interface Entity {
  set: string;
  keys(op: ErpOp): Array<[string, string]>;
  /** The filter part the operations of one read share (a legal entity, a dimension). */
  group(op: ErpOp): string;
  clause(op: ErpOp): string;
  select(ops: readonly ErpOp[]): string[];
  what(op: ErpOp): string;
  step(op: ErpOp, row: Row | undefined, ctx: StepContext): Step;
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
export const companyOf = (op: ErpOp): string => str(op.payload.dataAreaId).toLowerCase();

/** The entity key as D365 matches it (SQL collation: case-insensitive), for matching read rows to operations. */
export function foldedKey(pairs: ReadonlyArray<readonly [string, unknown]>): string {
  return pairs.map(([, v]) => str(v).toUpperCase()).join('\u0000');
}

/** `Set(k1='v1',k2='v2')` */
export function keyPath(entity: Entity, op: ErpOp): string {
  return `${entity.set}(${entity.keys(op).map(([k, v]) => `${k}=${encodeURIComponent(literal(v))}`).join(',')})`;
}

const rejected = (op: ErpOp, what: string, text: string, hint?: string) => new MlcError('record_rejected', `D365 ${what}: ${text}`, hint ? { hint } : {});

function vendorGroupProblem(body: Row, op: ErpOp, ctx: StepContext, what: string): MlcError | undefined {
  const group = str(body.VendorGroupId);
  const known = ctx.groups?.get(companyOf(op));
  if (group === '' || ctx.groups === undefined || known?.has(group.toUpperCase())) return undefined;
  return rejected(op, what, `vendor group ${group} does not exist in legal entity ${companyOf(op)} (VendorGroups)`, 'create it under Accounts payable > Vendors > Vendor groups in that legal entity, or change the flow\'s references.vendorGroup; then mlc replay');
}

/** The display value the vendor gets, from `$dimensions` over what it has now. */
function withDimensions(s: D365Settings, op: ErpOp, body: Row, row: Row | undefined, ctx: StepContext): MlcError | undefined {
  const dims = body[DIMENSIONS] as Record<string, string> | undefined;
  delete body[DIMENSIONS];
  if (!dims) return undefined;
  const format = ctx.format?.format;
  if (!format) return rejected(op, `cannot set the dimensions of vendor ${op.key}`, ctx.format?.problem ?? 'the dimension format is unknown', 'set up and activate the Default dimension format (General ledger > Chart of accounts > Dimensions > Financial dimension configuration for integrating applications), or give targets.<name>.dimensionFormat; then mlc replay');
  const d = displayValue(format, dims, row ? str(row[s.dimensionField]) : null);
  if (!d.ok) return rejected(op, `cannot set the dimensions of vendor ${op.key}`, `${d.unknown.join(', ')} ${d.unknown.length === 1 ? 'is' : 'are'} not in the default dimension format ${describeFormat(format)}`, 'rename the flow\'s reference slot to a dimension of the format; then mlc replay');
  body[s.dimensionField] = d.value;
  return undefined;
}

export function vendorEntity(s: D365Settings): Entity {
  const entity: Entity = {
    set: s.vendorEntity,
    keys: (op) => [['dataAreaId', companyOf(op)], ['VendorAccountNumber', op.key]],
    group: (op) => `dataAreaId eq ${literal(companyOf(op))}`,
    clause: (op) => `VendorAccountNumber eq ${literal(op.key)}`,
    select: (ops) => [...new Set(['dataAreaId', 'VendorAccountNumber', s.dimensionField, ...ops.flatMap((o) => Object.keys(o.payload).filter((k) => k !== DIMENSIONS))])],
    what: (op) => `vendor ${op.key} in ${companyOf(op)}`,
    step(op, row, ctx) {
      const body: Row = { ...op.payload };
      const what = entity.what(op);
      const dimError = withDimensions(s, op, body, row, ctx);
      if (dimError) return { error: dimError };
      if (!row) {
        // Never create a terminated person (DESIGN §3): a vendor deleted in D365 stays deleted.
        if (op.kind === 'deactivate') return { send: 'none', note: 'not in D365; nothing to put on hold' };
        const groupError = vendorGroupProblem(body, op, ctx, what);
        return groupError ? { error: groupError } : { send: 'POST', body };
      }
      const diff: Row = {};
      for (const [k, v] of Object.entries(body)) {
        if (k === 'dataAreaId' || k === 'VendorAccountNumber') continue;
        const same = k === s.dimensionField && ctx.format?.format ? sameDisplay(ctx.format.format, str(v), str(row[k])) : str(v) === str(row[k]);
        if (!same) diff[k] = v;
      }
      if (Object.keys(diff).length === 0) return { send: 'none', note: 'already as wanted' };
      const groupError = 'VendorGroupId' in diff ? vendorGroupProblem(diff, op, ctx, what) : undefined;
      return groupError ? { error: groupError } : { send: 'PATCH', body: diff };
    },
  };
  return entity;
}

export function dimensionValueEntity(): Entity {
  const entity: Entity = {
    set: 'FinancialDimensionValues',
    keys: (op) => [['FinancialDimension', str(op.payload.FinancialDimension)], ['LegalEntityId', str(op.payload.LegalEntityId)], ['DimensionValue', op.key]],
    group: (op) => `FinancialDimension eq ${literal(str(op.payload.FinancialDimension))} and LegalEntityId eq ${literal(str(op.payload.LegalEntityId))}`,
    clause: (op) => `DimensionValue eq ${literal(op.key)}`,
    select: () => ['FinancialDimension', 'LegalEntityId', 'DimensionValue', 'Description', 'IsSuspended'],
    what: (op) => `dimension value ${str(op.payload.FinancialDimension)}/${op.key}`,
    step(op, row, ctx) {
      const p = op.payload;
      const suspend = op.kind === 'deactivate';
      if (!row) {
        if (suspend) return { send: 'none', note: 'not in D365; nothing to suspend' };
        // Entity-backed values show only once used or modified (erps.md §8 A.2): the code exists, unlisted.
        if (ctx.afterDuplicate) return { send: 'none', note: 'exists in D365, not listed by FinancialDimensionValues: taken as it is' };
        return { send: 'POST', body: { FinancialDimension: p.FinancialDimension, LegalEntityId: p.LegalEntityId, DimensionValue: op.key, Description: p.Description } };
      }
      // Never linked to mlc and described otherwise: another value has this code (a renamed one keeps its link).
      if (op.erpKey === null && str(row.Description) !== str(p.Description)) {
        return { error: rejected(op, entity.what(op), `the code exists already, described "${str(row.Description)}", not "${str(p.Description)}"`, 'two values would share a code: change the flow\'s provision.code (e.g. {id:3}), or map the BambooHR value in the lookup; then mlc replay') };
      }
      const diff: Row = {};
      if (str(row.Description) !== str(p.Description)) diff.Description = p.Description;
      const suspended = suspend ? 'Yes' : 'No';
      if (str(row.IsSuspended) !== suspended) diff.IsSuspended = suspended;
      return Object.keys(diff).length === 0 ? { send: 'none', note: 'already as wanted' } : { send: 'PATCH', body: diff };
    },
  };
  return entity;
}

export interface Entities {
  vendor: Entity;
  dimensionValue: Entity;
}

export const entitiesFor = (s: D365Settings): Entities => ({ vendor: vendorEntity(s), dimensionValue: dimensionValueEntity() });

export const entityOf = (e: Entities, op: ErpOp): Entity => (op.type === DIMENSION_VALUE_TYPE ? e.dimensionValue : e.vendor);
