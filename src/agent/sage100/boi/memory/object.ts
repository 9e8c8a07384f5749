// One in-memory business object (GL_SubAccount_bus, GL_Account_bus, GL_MainAccount_bus)
// following BOI's record cycle: SetKeyValue for each key column, SetKey (2 new / 1 existing /
// 0 refused, the record is then in the buffer and locked for edit), SetValue per column
// (1 / -1 / 0), Write (1 / 0) or Clear. erps.md §2.2 and §8 D.1.
import { OBJECTS, type ObjectName } from '../catalog.js';
import { BOI_FAIL, BOI_OK, SET_KEY_EXISTING, SET_KEY_NEW, type BoiObject, type FieldValue, type Row } from '../port.js';
import { zeroFillSegmentNo } from '../structure.js';
import { MemoryCompany } from './company.js';
import { loadOrCreate } from './keys.js';
import { applyRule, RULES, type FieldRule } from './rules.js';

export interface SessionClock {
  /** YYYYMMDD of the session (SetDate). */
  date(): string;
  userKey(): string;
  /** Throws BoiUnavailableError when the session behind the object has ended. */
  alive(): void;
}

interface Buffer {
  row: Row;
  isNew: boolean;
  lockKey: string;
}

export class MemoryBusinessObject implements BoiObject {
  private keyValues: Record<string, string> = {};
  private buffer: Buffer | undefined;
  private lastError = '';

  constructor(
    readonly name: ObjectName,
    private readonly company: MemoryCompany,
    private readonly clock: SessionClock,
  ) {}

  setKeyValue(field: string, value: FieldValue): number {
    this.clock.alive();
    if (!OBJECTS[this.name].key.includes(field)) return this.fail(`${field} is not a key column of ${this.name}.`);
    if (typeof value !== 'string') return this.fail(`${field} is a string column.`);
    this.keyValues[field] = field === 'SegmentNo' ? (zeroFillSegmentNo(value) ?? value) : value;
    return BOI_OK;
  }

  setKey(): number {
    this.clock.alive();
    this.company.stats.setKeyCalls += 1;
    this.buffer = undefined;
    const missing = OBJECTS[this.name].key.find((f) => !this.keyValues[f]);
    if (missing) return this.fail(`Key column ${missing} has no value.`);
    const lockKey = MemoryCompany.lockKey(this.name, this.keyValues);
    if (this.company.locks.refuses(this.name, lockKey, 'setKey')) return this.busy();
    const answer = loadOrCreate(this.name, this.company, this.keyValues);
    if ('error' in answer) return this.fail(answer.error);
    const isNew = 'created' in answer;
    this.buffer = { row: 'created' in answer ? answer.created : answer.existing, isNew, lockKey };
    this.lastError = '';
    return isNew ? SET_KEY_NEW : SET_KEY_EXISTING;
  }

  setValue(field: string, value: FieldValue): number {
    this.clock.alive();
    if (!this.buffer) return this.fail('No record is loaded; call SetKey first.');
    if (OBJECTS[this.name].key.includes(field)) return this.fail(`${field} is a key column and cannot be changed.`);
    const rule = this.ruleFor(field);
    if (!rule) return this.fail(`${field} is not a column of ${OBJECTS[this.name].table}.`);
    const answer = applyRule(field, rule, value);
    this.lastError = answer.message ?? '';
    if (answer.retVal !== BOI_FAIL && answer.value !== undefined) this.buffer.row[field] = answer.value;
    return answer.retVal;
  }

  getValue(field: string): FieldValue | undefined {
    this.clock.alive();
    return this.buffer?.row[field];
  }

  write(): number {
    this.clock.alive();
    const buffer = this.buffer;
    if (!buffer) return this.fail('No record is loaded; call SetKey first.');
    if (this.company.locks.refuses(this.name, buffer.lockKey, 'write')) return this.busy();
    const table = OBJECTS[this.name].table;
    const row = { ...buffer.row };
    if (buffer.isNew && table === 'GL_Account') row['AccountKey'] = this.company.nextAccountKey();
    if (table === 'GL_SubAccount') this.stamp(row, buffer.isNew);
    this.company.put(table, row);
    this.company.stats.writes += 1;
    this.buffer = undefined;
    this.keyValues = {};
    this.lastError = '';
    return BOI_OK;
  }

  clear(): number {
    this.buffer = undefined;
    this.keyValues = {};
    return BOI_OK;
  }

  lastErrorMsg(): string {
    return this.lastError;
  }

  dropObject(): void {
    this.clear();
  }

  private ruleFor(field: string): FieldRule | undefined {
    const rule = RULES[this.name][field];
    if (rule) return rule;
    if (this.name !== 'GL_SubAccount_bus') return undefined;
    const udf = this.company.udfs.find((u) => u.name === field);
    return udf ? { number: udf.type === 'number' } : undefined;
  }

  /** GL_SubAccount carries creation and update stamps (read-only columns, erps.md §8 D.1). */
  private stamp(row: Row, isNew: boolean): void {
    const time = new Date().toISOString().slice(11, 19);
    if (isNew) Object.assign(row, { DateCreated: this.clock.date(), TimeCreated: time, UserCreatedKey: this.clock.userKey() });
    Object.assign(row, { DateUpdated: this.clock.date(), TimeUpdated: time, UserUpdatedKey: this.clock.userKey() });
  }

  private busy(): number {
    this.company.stats.busyRefusals += 1;
    return this.fail(this.company.busyMessage);
  }

  private fail(message: string): number {
    this.lastError = message;
    return BOI_FAIL;
  }
}
