// XML output for the classic endpoints (reference §1.2: XML unless Accept: application/json).
// Documents are described as plain objects: `@_name` keys become attributes, `#text` text.
import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

export type XmlNode = { [key: string]: string | number | XmlNode | XmlNode[] | undefined };

export function toXml(root: XmlNode): string {
  return `<?xml version="1.0"?>\n${builder.build(root) as string}`;
}

/** `<field id="…">value</field>`: the element BambooHR uses for one value. */
export function fieldNode(id: string, value: string | null, extra: Record<string, string> = {}): XmlNode {
  const node: XmlNode = { '@_id': id };
  for (const [k, v] of Object.entries(extra)) node[`@_${k}`] = v;
  node['#text'] = value ?? '';
  return node;
}
