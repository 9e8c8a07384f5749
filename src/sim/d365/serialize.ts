// Entity JSON as F&O writes it (odata.metadata=minimal): `@odata.etag` first, then every
// property of the type in metadata order (or the $select list), enums as member names.
// The etag is a weak tag over "'1,<recVersion>;'", the shape seen in a real CustomerGroups
// sample (reference §5.8).
import { formatKey } from './odata-key.js';
import type { EntitySetDef } from './schema.js';
import type { StoredRow } from './table.js';
import type { Value } from './types.js';
import { defaultValue } from './values.js';

export function etag(row: StoredRow): string {
  return `W/"${Buffer.from(`'1,${row.rv};'`).toString('base64')}"`;
}

export function entityJson(def: EntitySetDef, row: StoredRow, select?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': etag(row) };
  for (const p of def.props) {
    if (select && !select.includes(p.name)) continue;
    const v: Value | undefined = row.values[p.name];
    out[p.name] = v === undefined ? defaultValue(p) : v;
  }
  return out;
}

export function contextUrl(serviceRoot: string, def: EntitySetDef, select: readonly string[] | undefined, single: boolean): string {
  const sel = select ? `(${select.join(',')})` : '';
  return `${serviceRoot}/$metadata#${def.name}${sel}${single ? '/$entity' : ''}`;
}

export function entityUrl(serviceRoot: string, def: EntitySetDef, values: Readonly<Record<string, Value>>): string {
  return `${serviceRoot}/${def.name}(${formatKey(def, values)})`;
}
