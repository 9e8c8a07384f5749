// Stored hashes (links.payload_hash; dated rows are compared by this text) are compared across versions: a
// change to their output would make every record look changed and re-send the whole company.
// These golden values were computed by the first implementation.
import { describe, expect, it } from 'vitest';
import { canonicalJson, stableHash } from '../../src/domain/hash.js';
import { rowHash } from '../../src/store/rows.js';

describe('stable hashes', () => {
  it('keep the values stored by earlier versions', () => {
    expect(stableHash({ v: 3, payload: { externalId: 'bhr-1', firstName: 'Ann', subsidiary: { id: '2' }, isInactive: false, n: null, list: [1, 'x', null] } })).toBe('6207f07b90121da1721d05176153b9a3');
    expect(stableHash(['jobInfo', '2024-01-01', { department: 'IT', location: null }])).toBe('b14606d02f88f28e85abfaa8e04897ec');
  });

  it('sort keys, drop undefined members, and write undefined array items as null', () => {
    expect(canonicalJson({ b: 1, a: { d: [undefined, 'x"'], c: undefined }, '': true })).toBe('{"":true,"a":{"d":[null,"x\\""]},"b":1}');
    expect(canonicalJson({ z: 1, a: 2 })).toBe(canonicalJson({ a: 2, z: 1 }));
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({ a: undefined })).toBe('{}');
  });

  it('hash a dated row as stableHash([table, date, data]), whatever the order of its columns', () => {
    expect(rowHash({ table: 'jobInfo', date: '2024-01-01', data: { location: null, department: 'IT' } })).toBe('b14606d02f88f28e85abfaa8e04897ec');
    for (const date of [null, '0000-00-00', '2026-11-23']) {
      const data = { z: 'a"b', a: null, m: 'é' };
      expect(rowHash({ table: 'compensation', date, data })).toBe(stableHash(['compensation', date, data]));
    }
  });

  it('give the same text as a plain sorted serialisation for many shapes, orders and values (the remembered key orders)', () => {
    // The reference: sort keys by a replacer, the slow obvious way.
    const plain = (v: unknown): string =>
      JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const names = ['a', 'b', 'department', 'jobTitle', 'é', 'z"q', 'date', 'x1', 'x10', 'x2'];
    for (let i = 0; i < 2000; i++) {
      // Up to 2,000 distinct key lists: more than are remembered, so the cache is also emptied.
      const keys = [...names].sort(() => rnd(3) - 1).slice(0, 1 + rnd(names.length));
      const obj: Record<string, unknown> = {};
      for (const k of keys) obj[k] = rnd(5) === 0 ? null : rnd(5) === 1 ? { [names[rnd(10)]!]: 'n', a: [1, 'x'] } : rnd(7) === 0 ? rnd(2) === 0 : rnd(7) === 1 ? rnd(1000) / 8 : `v${rnd(100)}`;
      expect(canonicalJson(obj)).toBe(plain(obj));
    }
  });

  it('write flat objects (the native serialisation of a sorted copy) exactly as the general path does', () => {
    // Index-like keys come first in JavaScript's own order, so they take the general path.
    expect(canonicalJson({ x: null, '10': 'a', '2': 'b' })).toBe('{"10":"a","2":"b","x":null}');
    // An own __proto__ key (as JSON.parse makes it) is written, not turned into a prototype.
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":"x","a":null}'))).toBe('{"__proto__":"x","a":null,"b":1}');
    // Non-finite numbers, nested values and undefined members: as JSON.stringify writes them.
    expect(canonicalJson({ b: Number.NaN, a: -0, c: undefined, d: 'é\u2028"' })).toBe('{"a":0,"b":null,"d":"é\u2028\\""}');
    expect(canonicalJson({ b: [1], a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":[1]}');
    // Many keys (beyond the flat path's limit) give the same text too.
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${39 - i}`, `v${i}`]));
    expect(canonicalJson(wide)).toBe(JSON.stringify(Object.fromEntries(Object.entries(wide).sort(([a], [b]) => (a < b ? -1 : 1)))));
  });
});

