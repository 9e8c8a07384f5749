// One verdict per item of a Setup answer (pure). e.net reports business errors inside the
// item they concern, under the element in error: `<workcentre><Value>X</Value><ErrorNumber>…
// </ErrorNumber><ErrorDescription>…</ErrorDescription></workcentre>`, and counts the items in
// `StatusOfItems` (erps.md §1.4, §8 C.3); roots, items and keys may come back lower-cased.
// Items are matched to what was sent by their key, or by position when the answer has none.
import type { ItemMatchers } from './errors.js';
import { child, children, isNode, parseAnswer, text, type XmlNode, type XmlValue } from './xml.js';

export type Verdict =
  | { ok: true }
  /** exists: an Add of a key that is there; missing: an Update or Delete of a key that is not; locked: someone holds the record. */
  | { ok: false; kind: 'exists' | 'missing' | 'locked' | 'refused' | 'unanswered'; message: string };

export interface SentItem {
  /** Key element names and values, in document order. */
  key: ReadonlyArray<readonly [string, string]>;
}

interface ItemError {
  element: string;
  number: string;
  description: string;
}

/** The first ErrorDescription under a node (not under its key), with the element it sits in. */
function firstError(node: XmlNode, element: string): ItemError | undefined {
  const description = child(node, 'ErrorDescription');
  if (description !== undefined) return { element, number: text(child(node, 'ErrorNumber')).trim(), description: text(description).trim() };
  for (const [name, v] of Object.entries(node)) {
    if (name.toLowerCase() === 'key') continue;
    for (const x of Array.isArray(v) ? v : [v]) {
      const found = isNode(x) ? firstError(x, name) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

const norm = (v: string): string => v.trim().toUpperCase();
const keyString = (values: readonly string[]): string => values.map(norm).join('\u0000');

function answeredKey(item: XmlNode): string | undefined {
  const key = child(item, 'key');
  if (!isNode(key)) return undefined;
  const values = Object.values(key).map((v: XmlValue) => text(v));
  return values.length > 0 ? keyString(values) : undefined;
}

function verdictOf(item: XmlNode, sent: SentItem, m: ItemMatchers): Verdict {
  const e = firstError(item, '');
  if (!e) return { ok: true };
  const message = `${e.number ? `${e.number} ` : ''}${e.description}${e.element ? ` (${e.element})` : ''}`;
  const onKey = sent.key.some(([name]) => name.toLowerCase() === e.element.toLowerCase());
  if (onKey && m.exists.test(e.description)) return { ok: false, kind: 'exists', message };
  if (onKey && m.missing.test(e.description)) return { ok: false, kind: 'missing', message };
  if (m.locked.test(e.description)) return { ok: false, kind: 'locked', message };
  return { ok: false, kind: 'refused', message };
}

export interface SetupAnswer {
  verdicts: Verdict[];
  /** RecordsInvalid, when the answer has it. */
  invalid: number | undefined;
}

export function readSetupAnswer(body: string, sent: readonly SentItem[], m: ItemMatchers, what: string): SetupAnswer {
  const { body: doc } = parseAnswer(body, what);
  const items = children(doc, 'item');
  const status = child(doc, 'StatusOfItems');
  const invalidText = isNode(status) ? text(child(status, 'RecordsInvalid')).trim() : '';
  const invalid = invalidText === '' ? undefined : Number(invalidText);
  // Answered items by key; several items with one key are taken in order.
  const byKey = new Map<string, XmlNode[]>();
  const keyed = items.every((i) => answeredKey(i) !== undefined);
  if (keyed) {
    for (const i of items) {
      const k = answeredKey(i)!;
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  }
  const verdicts = sent.map((s, n): Verdict => {
    const item = keyed ? byKey.get(keyString(s.key.map(([, v]) => v)))?.shift() : items[n];
    return item ? verdictOf(item, s, m) : { ok: false, kind: 'unanswered', message: 'SYSPRO answered the document without this item' };
  });
  // Invalid items SYSPRO counted but did not explain: none of the "ok" ones can be trusted.
  const refused = verdicts.filter((v) => !v.ok && v.kind !== 'unanswered').length;
  if (invalid !== undefined && Number.isFinite(invalid) && invalid > refused) {
    return { invalid, verdicts: verdicts.map((v) => (v.ok ? { ok: false, kind: 'unanswered', message: `SYSPRO counted ${invalid} invalid items without saying which` } : v)) };
  }
  return { verdicts, invalid };
}
