// Finds where a config path (`bamboohr.companyDomain`) sits in the YAML text, so every problem
// can be reported as file:line:column. When the key is missing, we point at the nearest
// enclosing map that exists (that is where the user has to add it).
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? r[0] : undefined;
}

/**
 * Position of `path` in the document. With `atKey`, the position of the key itself (for
 * "unknown key" problems) rather than of its value.
 */
export function locate(doc: Document, counter: LineCounter, path: ReadonlyArray<PropertyKey>, atKey = false): Position {
  let node: unknown = doc.contents;
  let best = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      if (keyStart !== undefined) best = keyStart;
      if (last && atKey) break;
      const valueStart = rangeStart(pair.value);
      if (valueStart !== undefined) best = valueStart;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (item === undefined) break;
      const start = rangeStart(item);
      if (start !== undefined) best = start;
      node = item;
    } else {
      break;
    }
  }
  const pos = counter.linePos(best);
  return { line: pos.line, column: pos.col };
}

export function dottedPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}
