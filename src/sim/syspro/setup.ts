// The Setup class (Add / Update / Delete): XmlParameters + XmlIn with one or more <Item>,
// one outcome per item, errors inline, `StatusOfItems` (erps.md §1.4). The document runs
// against a staged copy, so ValidateOnly=Y and ApplyIfEntireDocumentValid=Y (with an invalid
// item) report exactly what applying would, then change nothing.
import { ItemErrors, EnetError, type ItemError } from './errors.js';
import { emptyValue, isItemError, parseValue, type FieldSpec } from './fields.js';
import { commit, type SysproTables, type TableName, type Tx } from './tables.js';
import type { SysproRow } from './types.js';
import { isNode, leaf, nodes, parseDocument, sysproXml, type XmlNode } from './xml.js';

export type SetupMethod = 'add' | 'update' | 'delete';

export interface SetupSpec {
  code: string;
  /** XmlIn root, e.g. SetupBomEmployee; the answer's root is its lower-cased form. */
  root: string;
  /** For messages: "Employee 'E1' already exists". */
  entity: string;
  table: TableName;
  keys: FieldSpec[];
  fields: FieldSpec[];
  ignoreWarningsDefault: boolean;
  /** An empty element on Update clears the value (COMSFM) instead of keeping it. */
  emptyClears?: boolean;
  defaults(): SysproRow;
  check?(tx: Tx, row: SysproRow, provided: ReadonlySet<string>): ItemError | undefined;
  checkDelete?(tx: Tx, row: SysproRow, key: string): ItemError | undefined;
}

export interface SetupConfig {
  version: string;
  unknownElements: 'ignore' | 'reject';
  /** Set by the `reject` fault for one call: the document's first item is refused with this text. */
  rejectNext?: string | undefined;
  /** Whether an item finds its record locked (the `lockRate` fault). */
  lockItem?: () => boolean;
}

interface Parameters {
  validateOnly: boolean;
  ignoreWarnings: boolean;
  applyIfEntireDocumentValid: boolean;
}

export interface SetupResult {
  xml: string;
  read: number;
  invalid: number;
  applied: number;
  locked: number;
}

function yesNo(p: XmlNode, name: string, fallback: boolean): boolean {
  const v = leaf(p, name)?.trim().toUpperCase();
  return v === 'Y' ? true : v === 'N' ? false : fallback;
}

/** Defaults when absent: the BOMSEC/BOMSWC samples' N, N and the BO's IgnoreWarnings (§8 C.1). */
function readParameters(xml: string | undefined, spec: SetupSpec): Parameters {
  const body = xml && xml.trim() !== '' ? parseDocument(xml, 'XmlParameters').body : {};
  const p = isNode(body['Parameters']) ? body['Parameters'] : {};
  return {
    validateOnly: yesNo(p, 'ValidateOnly', false),
    ignoreWarnings: yesNo(p, 'IgnoreWarnings', spec.ignoreWarningsDefault),
    applyIfEntireDocumentValid: yesNo(p, 'ApplyIfEntireDocumentValid', false),
  };
}

interface Outcome {
  node: XmlNode;
  invalid: boolean;
  locked?: boolean;
}

function readKey(spec: SetupSpec, item: XmlNode): { echo: XmlNode; values: string[]; error?: ItemError } {
  const keyNode = isNode(item['Key']) ? item['Key'] : {};
  const echo: XmlNode = {};
  const values: string[] = [];
  let error: ItemError | undefined;
  for (const k of spec.keys) {
    const raw = leaf(keyNode, k.name)?.trim() ?? '';
    echo[k.name.toLowerCase()] = raw;
    values.push(raw);
    if (error) continue;
    if (raw === '') error = ItemErrors.required(k.name);
    else if (k.maxLength !== undefined && raw.length > k.maxLength) error = ItemErrors.tooLong(k.name, raw, k.maxLength);
  }
  return error ? { echo, values, error } : { echo, values };
}

/** Merges the item's elements into `row`; returns the first bad element's error. */
function mergeFields(spec: SetupSpec, cfg: SetupConfig, item: XmlNode, row: SysproRow, method: SetupMethod, provided: Set<string>): ItemError | undefined {
  for (const [name, value] of Object.entries(item)) {
    if (name === 'Key') continue;
    const field = spec.fields.find((f) => f.name === name);
    const raw = typeof value === 'string' ? value.trim() : undefined;
    if (!field) {
      if (cfg.unknownElements === 'reject') return ItemErrors.unknownElement(name, raw ?? '');
      continue;
    }
    if (raw === undefined) return ItemErrors.unknownElement(name, '');
    if (raw === '') {
      // Add: the element's default. Update: unchanged, unless the BO treats blank as "clear".
      if (method === 'add' || spec.emptyClears) {
        row[name] = emptyValue(field);
        provided.add(name);
      }
      continue;
    }
    const parsed = parseValue(field, raw);
    if (isItemError(parsed)) return parsed;
    row[name] = parsed;
    provided.add(name);
  }
  return undefined;
}

function processItem(spec: SetupSpec, cfg: SetupConfig, method: SetupMethod, item: XmlNode, tx: Tx, params: Parameters, reject: string | undefined): Outcome {
  const key = readKey(spec, item);
  const fail = (e: ItemError): Outcome => ({
    node: { key: key.echo, [e.field.toLowerCase()]: { Value: e.value, ErrorNumber: e.number, ErrorDescription: e.description } },
    invalid: true,
  });
  if (key.error) return fail(key.error);
  if (reject !== undefined) return fail(ItemErrors.simulated(spec.keys[0]?.name ?? 'Key', key.values.join(' '), spec.entity, reject));
  if (cfg.lockItem?.()) return { ...fail(ItemErrors.locked(spec.keys[0]?.name ?? 'Key', key.values.join(' '), spec.entity)), locked: true };
  const table = tx[spec.table];
  const keyString = key.values.join('\u0000');
  const display = key.values.join(' ');
  const lastKey = spec.keys[spec.keys.length - 1]?.name ?? '';
  const existing = table.get(keyString);
  if (method !== 'add' && !existing) return fail(ItemErrors.notFound(lastKey, display, spec.entity));
  if (method === 'add' && existing) return fail(ItemErrors.duplicate(lastKey, display, spec.entity));
  if (method === 'delete' && existing) {
    const refused = spec.checkDelete?.(tx, existing, keyString);
    if (refused) return fail(refused);
    table.delete(keyString);
    return { node: { key: key.echo }, invalid: false };
  }
  const keyColumns: SysproRow = Object.fromEntries(spec.keys.map((k, i) => [k.name, key.values[i] ?? '']));
  const row: SysproRow = method === 'add' ? { ...keyColumns, ...spec.defaults() } : { ...existing };
  const provided = new Set<string>();
  const bad = mergeFields(spec, cfg, item, row, method, provided) ?? spec.check?.(tx, row, provided);
  if (bad && !(bad.warning && params.ignoreWarnings)) return fail(bad);
  table.set(keyString, row);
  return { node: { key: key.echo }, invalid: false };
}

export function runSetup(spec: SetupSpec, cfg: SetupConfig, method: SetupMethod, tables: SysproTables, xmlParameters: string | undefined, xmlIn: string): SetupResult {
  const params = readParameters(xmlParameters, spec);
  const doc = parseDocument(xmlIn, 'XmlIn');
  if (doc.root !== spec.root) throw new EnetError(`ERROR: XmlIn root element '${doc.root}' is not valid for business object ${spec.code} (expected ${spec.root})`);
  const tx = tables.begin();
  const reject = cfg.rejectNext;
  cfg.rejectNext = undefined;
  const outcomes = nodes(doc.body, 'Item').map((item, i) => processItem(spec, cfg, method, item, tx, params, i === 0 ? reject : undefined));
  const invalid = outcomes.filter((o) => o.invalid).length;
  const apply = !params.validateOnly && !(params.applyIfEntireDocumentValid && invalid > 0);
  if (apply) commit(tx);
  const xml = sysproXml(spec.root.toLowerCase(), { item: outcomes.map((o) => o.node), StatusOfItems: { RecordsRead: outcomes.length, RecordsInvalid: invalid } }, cfg.version);
  return { xml, read: outcomes.length, invalid, applied: apply ? outcomes.length - invalid : 0, locked: outcomes.filter((o) => o.locked).length };
}
