// In-memory NetSuite state: employees (internal ids from 1000, indexed by externalId) and the
// reference records employees point at. Validation of REST input lives in employee-write.ts;
// this class only keeps the data consistent (unique ids and external ids).
import { seedReferenceData } from './reference-seed.js';
import { REFERENCE_TYPES, type NetSuiteEmployee, type NetSuiteReference, type NetSuiteReferenceSeed, type ReferenceType } from './types.js';

export class NetSuiteRecords {
  private readonly byId = new Map<string, NetSuiteEmployee>();
  private readonly byExternalId = new Map<string, string>();
  private readonly refs: Record<ReferenceType, NetSuiteReference[]>;
  private nextEmployeeId = 1000;

  constructor(seed?: NetSuiteReferenceSeed) {
    this.refs = seedReferenceData(seed);
  }

  employee(id: string): NetSuiteEmployee | undefined {
    return this.byId.get(id);
  }

  employeeByExternalId(externalId: string): NetSuiteEmployee | undefined {
    const id = this.byExternalId.get(externalId);
    return id === undefined ? undefined : this.byId.get(id);
  }

  employees(): NetSuiteEmployee[] {
    return [...this.byId.values()];
  }

  /** A copy of the list; the records themselves are live (tests may inspect them). */
  reference(type: ReferenceType): NetSuiteReference[] {
    return [...this.list(type)];
  }

  referenceById(type: ReferenceType, id: string): NetSuiteReference | undefined {
    return this.list(type).find((r) => r.id === id);
  }

  addReference(type: ReferenceType, input: { name: string; isInactive?: boolean; id?: string; subsidiary?: string[] }): string {
    const list = this.list(type);
    if (!input.name.trim()) throw new RangeError(`a ${type} needs a name`);
    if (input.id !== undefined && !/^\d+$/.test(input.id)) throw new RangeError(`${type} id must be digits: ${input.id}`);
    if (input.id !== undefined && list.some((r) => r.id === input.id)) throw new RangeError(`${type} ${input.id} already exists`);
    const id = input.id ?? String(list.reduce((max, r) => Math.max(max, Number(r.id)), 0) + 1);
    list.push({ id, name: input.name, isInactive: input.isInactive ?? false, ...(input.subsidiary ? { subsidiary: [...input.subsidiary] } : {}) });
    return id;
  }

  setInactive(type: ReferenceType, id: string, flag: boolean): void {
    const ref = this.referenceById(type, id);
    if (!ref) throw new RangeError(`no ${type} with id ${id}`);
    ref.isInactive = flag;
  }

  /** Stores a new employee under the next internal id. */
  insertEmployee(fields: Omit<NetSuiteEmployee, 'id' | 'dateCreated' | 'lastModifiedDate'>, now: string): NetSuiteEmployee {
    if (fields.externalId !== undefined && this.byExternalId.has(fields.externalId)) throw new RangeError(`externalId ${fields.externalId} already used`);
    const id = String(this.nextEmployeeId++);
    const e: NetSuiteEmployee = { ...fields, id, dateCreated: now, lastModifiedDate: now };
    this.byId.set(id, e);
    if (e.externalId !== undefined) this.byExternalId.set(e.externalId, id);
    return e;
  }

  /** Replaces a stored employee (same id), keeping the externalId index in step. */
  replaceEmployee(next: NetSuiteEmployee): void {
    const prev = this.byId.get(next.id);
    if (!prev) throw new RangeError(`no employee with id ${next.id}`);
    if (next.externalId !== undefined && this.byExternalId.get(next.externalId) !== undefined && this.byExternalId.get(next.externalId) !== next.id) {
      throw new RangeError(`externalId ${next.externalId} already used`);
    }
    if (prev.externalId !== undefined) this.byExternalId.delete(prev.externalId);
    if (next.externalId !== undefined) this.byExternalId.set(next.externalId, next.id);
    this.byId.set(next.id, next);
  }

  counts(): Record<string, number> {
    const all = this.employees();
    const out: Record<string, number> = { employees: all.length, activeEmployees: all.filter((e) => !e.isInactive).length };
    for (const t of REFERENCE_TYPES) out[t] = this.list(t).length;
    return out;
  }

  private list(type: ReferenceType): NetSuiteReference[] {
    const list = this.refs[type] as NetSuiteReference[] | undefined;
    if (!list) throw new RangeError(`unknown reference type ${String(type)}`);
    return list;
  }
}
