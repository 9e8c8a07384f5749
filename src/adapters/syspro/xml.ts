// The XML of e.net documents, built and read with fast-xml-parser (erps.md §1.4, §8 C.1):
// XmlParameters and XmlIn with the schema names SYSPRO's samples carry (`<BO>.XSD` for the
// parameters, `<BO>DOC.XSD` for the document), items built one by one (a document is sized by
// its items' encoded length), answers read without regard to the case of element names
// (Setup answers come back with lower-cased roots, items and keys).
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { MlcError } from '../../domain/errors.js';

const XSD_NS = 'http://www.w3.org/2001/XMLSchema-instance';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

/** Values stay strings ("02" is a code, not 2); items and rows are always lists. */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'row'].includes(name.toLowerCase()),
});

export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

const schema = (xsd: string) => ({ '@_xmlns:xsd': XSD_NS, '@_xsd:noNamespaceSchemaLocation': xsd });

/** `<Item><Key>…</Key>…</Item>`: key elements first, then the others, in order; '' gives `<X/>`. */
export function buildItem(key: Readonly<Record<string, string>>, fields: Readonly<Record<string, string>>): string {
  return builder.build({ Item: { Key: key, ...fields } }) as string;
}

/** The XmlIn around already built items: its opening and closing tags. */
export function documentTags(root: string, businessObject: string): { open: string; close: string } {
  const whole = builder.build({ [root]: { ...schema(`${businessObject}DOC.XSD`), '#text': '\u0000' } }) as string;
  const [open, close] = whole.split('\u0000');
  return { open: open!, close: close! };
}

export function parametersDocument(root: string, businessObject: string, parameters: Readonly<Record<string, string>>): string {
  return builder.build({ [root]: { ...schema(`${businessObject}.XSD`), Parameters: parameters } }) as string;
}

export interface TableQuery {
  table: string;
  columns: readonly string[];
  orderBy: string;
  /** Rows with the order column greater than this (paging). */
  after?: string | undefined;
  rows: number;
}

/** COMFND XmlIn (erps.md §1.4, syspro-ruby's comfnd.xml.erb). */
export function queryDocument(q: TableQuery): string {
  const where = q.after === undefined ? {} : { Where: { Expression: { OpenBracket: '(', AndOr: 'And', Column: q.orderBy, Condition: 'GT', Value: q.after, CloseBracket: ')' } } };
  return builder.build({ Query: { ...schema('COMFND.XSD'), TableName: q.table, ReturnRows: String(q.rows), Columns: { Column: [...q.columns] }, ...where, OrderBy: { Column: q.orderBy } } }) as string;
}

/** The root element's name and content of an answer; malformed XML is a bad answer. */
export function parseAnswer(text: string, what: string): { root: string; body: XmlNode } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new MlcError('bad_response', `SYSPRO answered ${what} with malformed XML: ${valid.err.msg} (line ${valid.err.line})`, { retryable: true });
  const doc = parser.parse(text) as XmlNode;
  const root = Object.keys(doc).find((k) => k !== '?xml');
  if (root === undefined) throw new MlcError('bad_response', `SYSPRO answered ${what} with an empty document`, { retryable: true });
  const body = doc[root];
  return { root, body: isNode(body) ? body : {} };
}

export function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A child by name, any case. */
export function child(node: XmlNode, name: string): XmlValue | undefined {
  const lower = name.toLowerCase();
  const k = Object.keys(node).find((x) => x.toLowerCase() === lower);
  return k === undefined ? undefined : node[k];
}

/** Every child of that name, any case (`<item>` and `<Item>` alike). */
export function children(node: XmlNode, name: string): XmlNode[] {
  const lower = name.toLowerCase();
  const list = Object.keys(node)
    .filter((k) => k.toLowerCase() === lower)
    .flatMap((k) => {
      const v = node[k]!;
      return Array.isArray(v) ? v : [v];
    });
  return list.map((x) => (isNode(x) ? x : {}));
}

export function text(v: XmlValue | undefined): string {
  return typeof v === 'string' ? v : '';
}
