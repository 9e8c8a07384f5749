// One record write through a business object, the BOI way (erps.md §2.2): SetKeyValue for
// each key column, SetKey (2 new / 1 existing / 0 refused), SetValue per field (1 / -1
// warning / 0 refused), Write. SetKey's 2-or-1 makes it an upsert by key; the agent adds
// idempotency by reading the existing values first and writing only what differs, so the
// same write twice answers "unchanged" and Sage sees no second Write.
import type { ObjectName } from '../boi/catalog.js';
import { BOI_FAIL, BOI_WARNING, SET_KEY_NEW, type BoiObject, type FieldValue } from '../boi/port.js';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'rejected' | 'busy';
export type BoiCall = 'SetKeyValue' | 'SetKey' | 'SetValue' | 'Write';

export interface WriteResult {
  object: ObjectName;
  key: Record<string, string>;
  outcome: Outcome;
  /** SetKey's answer: 2 → "new", 1 → "existing"; null when SetKey was not reached or failed. */
  setKey: 'new' | 'existing' | null;
  /** The return value of the last BOI call made (Write when it ran; SetKey's 1 when unchanged; 0 at a failure). */
  retVal: number;
  lastErrorMsg: string;
  warnings: Array<{ field: string; message: string }>;
  /** Fields whose SetValue was called (all of them for a new record, the differing ones otherwise). */
  changed: string[];
  failedAt?: { call: BoiCall; field?: string };
}

export interface WriteInput {
  object: ObjectName;
  key: Record<string, string>;
  fields: Record<string, FieldValue>;
}

function same(current: FieldValue | undefined, wanted: FieldValue): boolean {
  if (current === undefined) return false;
  return typeof wanted === 'number' ? Number(current) === wanted : String(current) === wanted;
}

export function writeRecord(bo: BoiObject, input: WriteInput, busyPatterns: readonly RegExp[]): WriteResult {
  const result: WriteResult = { object: input.object, key: input.key, outcome: 'rejected', setKey: null, retVal: BOI_FAIL, lastErrorMsg: '', warnings: [], changed: [] };
  const fail = (call: BoiCall, field?: string): WriteResult => {
    result.lastErrorMsg = bo.lastErrorMsg();
    result.outcome = busyPatterns.some((re) => re.test(result.lastErrorMsg)) ? 'busy' : 'rejected';
    result.retVal = BOI_FAIL;
    result.failedAt = field === undefined ? { call } : { call, field };
    bo.clear();
    return result;
  };
  for (const [field, value] of Object.entries(input.key)) if (bo.setKeyValue(field, value) === BOI_FAIL) return fail('SetKeyValue', field);
  const setKey = bo.setKey();
  if (setKey === BOI_FAIL) return fail('SetKey');
  const isNew = setKey === SET_KEY_NEW;
  result.setKey = isNew ? 'new' : 'existing';
  result.changed = Object.keys(input.fields).filter((f) => isNew || !same(bo.getValue(f), input.fields[f] ?? ''));
  if (!isNew && result.changed.length === 0) {
    bo.clear();
    return { ...result, outcome: 'unchanged', retVal: setKey };
  }
  for (const field of result.changed) {
    const retVal = bo.setValue(field, input.fields[field] ?? '');
    if (retVal === BOI_FAIL) return fail('SetValue', field);
    if (retVal === BOI_WARNING) result.warnings.push({ field, message: bo.lastErrorMsg() });
  }
  const written = bo.write();
  if (written === BOI_FAIL) return fail('Write');
  return { ...result, outcome: isNew ? 'created' : 'updated', retVal: written };
}
