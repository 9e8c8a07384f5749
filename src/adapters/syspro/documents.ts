// Items and documents (pure). A labour employee is one BOMSEC item; its custom form fields are
// COMSFM items keyed FormType + KeyField (the employee code) + FieldName, the value in the
// element of the field's type (erps.md §1.4, the recorded COMSFM call). Documents carry
// several items (DESIGN §8: the batching mechanism), as many as fit the URL limit: every call
// is a GET with the document in the query string, and http.sys refuses a request URL over its
// limit with 414 (16 KB by default; issue 12), so a document is sized by its encoded length.
import { encodeQueryValue } from './codec.js';
import type { SysproSettings } from './config.js';
import type { FormFieldType, SysproPayload } from './map.js';
import { buildItem } from './xml.js';

export interface Item {
  /** Index of the operation the item belongs to. */
  op: number;
  key: ReadonlyArray<readonly [string, string]>;
  xml: string;
  /** Its length once percent-encoded in the URL. */
  size: number;
}

function item(op: number, key: ReadonlyArray<readonly [string, string]>, fields: Readonly<Record<string, string>>): Item {
  const xml = buildItem(Object.fromEntries(key), fields);
  return { op, key, xml, size: encodeQueryValue(xml).length };
}

/** The BOMSEC item of a payload: its elements, pay merged in; a delete sends the key alone. */
export function employeeItem(op: number, p: SysproPayload, s: SysproSettings): Item {
  const { [s.employee.key]: code, ...rest } = p.item;
  const fields = p.delete ? {} : { ...rest, ...(p.pay ?? {}) };
  return item(op, [[s.employee.key, code ?? '']], fields);
}

const VALUE_ELEMENT: Readonly<Record<FormFieldType, string>> = { A: 'AlphaValue', N: 'NumericValue', D: 'DateValue' };

/** One COMSFM item per custom form value; an empty value element clears the field. */
export function formItems(op: number, p: SysproPayload, code: string): Item[] {
  if (!p.form) return [];
  const formType = p.form.formType;
  return p.form.values.map((v) => item(op, [['FormType', formType], ['KeyField', code], ['FieldName', v.field]], { [VALUE_ELEMENT[v.type]]: v.value ?? '' }));
}

export interface Packed {
  documents: Item[][];
  /** Items too long for a request of their own. */
  oversized: Item[];
}

/** Items in order into documents of at most `maxItems`, each within `room` encoded bytes. */
export function pack(items: readonly Item[], room: number, maxItems: number): Packed {
  const documents: Item[][] = [];
  const oversized: Item[] = [];
  let current: Item[] = [];
  let used = 0;
  for (const it of items) {
    if (it.size > room) {
      oversized.push(it);
      continue;
    }
    if (current.length >= maxItems || used + it.size > room) {
      documents.push(current);
      current = [];
      used = 0;
    }
    current.push(it);
    used += it.size;
  }
  if (current.length > 0) documents.push(current);
  return { documents, oversized };
}
