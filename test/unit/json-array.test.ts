// The element-by-element reader of big JSON arrays (all-rows tables) must agree with
// JSON.parse on every shape BambooHR can send, and refuse what JSON.parse refuses.
import { describe, expect, it } from 'vitest';
import { forEachArrayElement } from '../../src/source/bamboohr/json-array.js';

const read = (text: string) => {
  const out: unknown[] = [];
  forEachArrayElement(Buffer.from(text, 'utf8'), (v) => out.push(v));
  return out;
};

describe('forEachArrayElement', () => {
  it('reads what JSON.parse reads: objects, nesting, escapes, quotes and brackets inside strings, non-ASCII', () => {
    const value = [
      { id: '1', employeeId: '101', reportsTo: 'Zoë "Z" O\'Brien', rate: { value: '65000.00', currency: 'EUR' }, note: 'a } b ] c { d [ e , f', path: 'C:\\temp\\' },
      { id: '2', employeeId: 102, teams: null, emoji: '🚀 כהן', nested: [[1, 2], { x: [] }] },
      'text', 42, -1.5e3, true, null, [], {},
    ];
    for (const text of [JSON.stringify(value), JSON.stringify(value, null, 2), ` \n${JSON.stringify(value)}\r\n `]) expect(read(text)).toEqual(value);
  });

  it('reads an empty array, and counts the elements', () => {
    expect(read('[]')).toEqual([]);
    expect(read(' [ ] ')).toEqual([]);
    expect(forEachArrayElement(Buffer.from('[1,2,3]'), () => undefined)).toBe(3);
  });

  it('refuses what is not one whole JSON array', () => {
    for (const bad of ['{"a":1}', '[{"a":1}', '[{"a":1},]', '[{"a":1} {"b":2}]', '[1] x', '[{"a":"unterminated]', '']) expect(() => read(bad), bad).toThrow(SyntaxError);
  });
});
