// The read before the write (there is no documented upsert, erps.md §8 A.6): the current
// records of a whole batch of operations in few requests — one `$filter` per legal entity (or
// dimension) with the keys or-ed together (`in` is not supported, §8 A.3), cut so that no URL
// grows past what IIS accepts by default, and, in $batch mode, all those GETs in one $batch.
import type { ErpOp } from '../types.js';
import type { D365Client } from './client.js';
import { foldedKey, type Entity, type Row } from './entities.js';

/** Encoded $filter length per GET (IIS allows 2,048 bytes of query string by default). */
const FILTER_MAX = 1500;

interface Query {
  entity: Entity;
  ops: ErpOp[];
  query: Record<string, string>;
}

function queries(entity: Entity, ops: readonly ErpOp[]): Query[] {
  const groups = new Map<string, ErpOp[]>();
  for (const op of ops) groups.set(entity.group(op), [...(groups.get(entity.group(op)) ?? []), op]);
  const out: Query[] = [];
  for (const [group, members] of groups) {
    let chunk: ErpOp[] = [];
    let size = 0;
    const flush = () => {
      if (chunk.length === 0) return;
      const filter = `${group} and (${chunk.map((o) => entity.clause(o)).join(' or ')})`;
      out.push({ entity, ops: chunk, query: { 'cross-company': 'true', $filter: filter, $select: entity.select(chunk).join(',') } });
      chunk = [];
      size = 0;
    };
    for (const op of members) {
      const len = encodeURIComponent(` or ${entity.clause(op)}`).length;
      if (size + len > FILTER_MAX) flush();
      chunk.push(op);
      size += len;
    }
    flush();
  }
  return out;
}

/** The current row of each operation's record (absent: not in D365), keyed by operation. */
export async function readCurrent(client: D365Client, work: ReadonlyArray<{ entity: Entity; op: ErpOp }>): Promise<Map<ErpOp, Row>> {
  const byEntity = new Map<Entity, ErpOp[]>();
  for (const w of work) byEntity.set(w.entity, [...(byEntity.get(w.entity) ?? []), w.op]);
  const all = [...byEntity].flatMap(([entity, ops]) => queries(entity, ops));
  const results = await client.rowsMany(all.map((q) => ({ path: q.entity.set, query: q.query })));
  const found = new Map<ErpOp, Row>();
  all.forEach((q, i) => {
    const rows = new Map((results[i] ?? []).map((r) => [foldedKey(q.entity.keys(q.ops[0]!).map(([k]) => [k, r[k]] as const)), r]));
    for (const op of q.ops) {
      const row = rows.get(foldedKey(q.entity.keys(op)));
      if (row) found.set(op, row);
    }
  });
  return found;
}
