// What an environment's $metadata (CSDL, EDMX 4.0) says about entity sets and their
// properties, for `mlc config check --online`: field and entity names differ between builds
// and entities (VendorsV2 has DefaultLedgerDimensionDisplayValue, CustomersV3
// DefaultDimensionDisplayValue; VendorsV3 on newer builds: erps.md §8 A.1), so the names the
// configuration uses are checked against the environment itself.
import { XMLParser } from 'fast-xml-parser';

export interface EntityModel {
  /** Entity set → its property names. */
  sets: Map<string, Set<string>>;
}

const LISTS = new Set(['Schema', 'EntityType', 'Property', 'NavigationProperty', 'EntitySet', 'EntityContainer']);

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v === undefined ? [] : [v as Node]);
const name = (n: Node, attr = '@_Name'): string => String(n[attr] ?? '');

export function parseMetadata(xml: string): EntityModel {
  const doc = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, isArray: (tag) => LISTS.has(tag) }).parse(xml) as Node;
  const schemas = list((doc['Edmx'] as Node | undefined)?.['DataServices'] && ((doc['Edmx'] as Node)['DataServices'] as Node)['Schema']);
  const types = new Map<string, Set<string>>();
  for (const schema of schemas) {
    for (const t of list(schema['EntityType'])) {
      const props = new Set(list(t['Property']).map((p) => name(p)));
      types.set(`${name(schema, '@_Namespace')}.${name(t)}`, props);
    }
  }
  const sets = new Map<string, Set<string>>();
  for (const schema of schemas) {
    for (const container of list(schema['EntityContainer'])) {
      for (const set of list(container['EntitySet'])) sets.set(name(set), types.get(name(set, '@_EntityType')) ?? new Set());
    }
  }
  return { sets };
}
