// XML in and out with fast-xml-parser. e.net writes one element per line, no indentation,
// attributes in single quotes, `<X/>` for empty values, and ends the body with "\n " (the
// recorded Content-Length counts that trailing space; erps.md §1.4, test_comsfm.yml).
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlValue = string | number | XmlNode | XmlNode[] | string[];
export interface XmlNode {
  [name: string]: XmlValue;
}

/** Values stay strings ("02" is a key, not 2); repeated elements are always arrays. */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name, jpath) => {
    const path = typeof jpath === 'string' ? jpath : '';
    return name === 'Item' || path.endsWith('Columns.Column') || path.endsWith('OrderBy.Column') || path.endsWith('Where.Expression');
  },
});

/** e.net escapes only what XML requires in text: its answers carry "Stock code '1004' not found" verbatim. */
const escapeText = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : v);

const builder = new XMLBuilder({ format: true, indentBy: '', suppressEmptyNode: true, processEntities: false, tagValueProcessor: (_name, v) => escapeText(v) });

export const DECLARATION = '<?xml version="1.0" encoding="Windows-1252"?>';

/** Attributes e.net puts on every answer's root (recorded on SYSPRO 7, erps.md §1.4). */
function rootAttributes(version: string): string {
  return `Language='05' Language2='EN' CssStyle='' DecFormat='1' DateFormat='01' Role='01' Version='${version}' OperatorPrimaryRole='   '`;
}

export function sysproXml(root: string, children: XmlNode, version: string): string {
  return `${DECLARATION}\n<${root} ${rootAttributes(version)}>\n${builder.build(children) as string}</${root}>\n `;
}

export class XmlInError extends Error {}

/**
 * One well-formed document with one root; returns the root's name and content (an empty
 * root gives {}). Anything else is an XmlInError naming what is wrong.
 */
export function parseDocument(xml: string, what: string): { root: string; body: XmlNode } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlInError(`${what} is not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
  const doc = parser.parse(xml) as XmlNode;
  const roots = Object.keys(doc).filter((k) => k !== '?xml' && k !== '#comment');
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) throw new XmlInError(`${what} must have exactly one root element`);
  const body = doc[root];
  return { root, body: isNode(body) ? body : {} };
}

export function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A leaf's text: '' for `<X/>`; undefined when absent or not a leaf. */
export function leaf(node: XmlNode, name: string): string | undefined {
  const v = node[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function nodes(node: XmlNode, name: string): XmlNode[] {
  const v = node[name];
  if (Array.isArray(v)) return v.map((x) => (isNode(x) ? x : {}));
  return isNode(v) ? [v] : v === '' ? [{}] : [];
}
