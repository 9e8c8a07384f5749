// Company state and its mutation API. Every mutation stamps lastChanged (seconds precision)
// and emits events the webhook dispatcher turns into deliveries. `employee.updated` carries
// only fields whose CURRENT value changed: a future-dated row changes nothing until its day
// (spec `employee.updated`: "events fire only when changes take effect").
import type { Clock } from './clock.js';
import { SimError, type CompensationInput, type EmployeeFieldUpdate, type EmploymentStatusInput, type HireInput, type JobInfoInput, type TerminationDetails } from './company-inputs.js';
import { applyCompensation, applyEmploymentStatus, applyJobInfo, deleteRow, newEmployee } from './company-rows.js';
import { formatTimestamp, isIsoDate } from './dates.js';
import { derive } from './derive.js';
import { diffSnapshots, filledFields, snapshot, type FieldCtx } from './fields.js';
import type { ListOption, SimCompanyData, SimEmployee, SimLocation, TableName } from './model.js';
import { ReferenceData } from './reference-data.js';

const UPDATABLE = new Set([
  'firstName', 'lastName', 'middleName', 'preferredName', 'workEmail', 'homeEmail', 'birthDate',
  'employeeNumber', 'hireDate', 'originalHireDate', 'payFrequency',
]);
const REQUIRED = new Set(['firstName', 'lastName', 'employeeNumber', 'hireDate']);

export interface CompanyEvent {
  kind: 'created' | 'updated' | 'deleted';
  employeeId: number;
  changedFields: string[];
  at: Date;
}

export class SimCompany {
  readonly ref: ReferenceData;
  private readonly byId = new Map<number, SimEmployee>();
  private readonly listeners: Array<(event: CompanyEvent) => void> = [];
  private sweptThrough: string;

  constructor(
    readonly data: SimCompanyData,
    private readonly clock: Clock,
    private readonly bumpOnEffectiveDate = false,
  ) {
    this.ref = new ReferenceData(data, () => formatTimestamp(clock.now(), '+00:00'));
    for (const e of data.employees) this.byId.set(e.id, e);
    this.sweptThrough = clock.today();
    clock.onChange(() => this.sweep());
  }

  get departments(): readonly ListOption[] {
    return this.ref.departments;
  }
  get divisions(): readonly ListOption[] {
    return this.ref.divisions;
  }
  get locations(): readonly SimLocation[] {
    return this.ref.locations;
  }
  get jobTitles(): readonly ListOption[] {
    return this.ref.jobTitles;
  }
  get employmentStatuses(): readonly ListOption[] {
    return this.ref.employmentStatuses;
  }
  addDepartment(name: string): ListOption {
    return this.ref.addDepartment(name);
  }
  addDivision(name: string): ListOption {
    return this.ref.addDivision(name);
  }
  addJobTitle(name: string): ListOption {
    return this.ref.addJobTitle(name);
  }
  addLocation(name: string, opts?: { currency?: string; division?: string }): SimLocation {
    return this.ref.addLocation(name, opts);
  }

  get companyId(): string {
    return this.data.companyId;
  }

  /** The record, deleted or not (check `deleted`). */
  get(id: number): SimEmployee | undefined {
    return this.byId.get(id);
  }

  /** Employees that are not deleted, in id order. */
  list(): SimEmployee[] {
    return this.data.employees.filter((e) => !e.deleted);
  }

  /** Field context as of `asOf` (default: today); pass INCLUDE_FUTURE for onlyCurrent=false. */
  view(e: SimEmployee, asOf: string = this.clock.today()): FieldCtx {
    return { e, d: derive(e, asOf), lookup: (id) => this.live(id) };
  }

  onEvent(listener: (event: CompanyEvent) => void): void {
    this.listeners.push(listener);
  }

  hire(input: HireInput): number {
    this.sweep();
    const today = this.clock.today();
    const hireDate = input.hireDate ?? today;
    if (!isIsoDate(hireDate)) throw new SimError(400, `hireDate must be YYYY-MM-DD: ${hireDate}`);
    if (!input.firstName?.trim() || !input.lastName?.trim()) throw new SimError(400, 'firstName and lastName are required');
    if (input.reportsTo != null) this.require(input.reportsTo);
    const id = this.data.nextEmployeeId++;
    const employeeNumber = input.employeeNumber ?? String(this.data.nextEmployeeNumber++);
    const e = newEmployee(this, { ...input, hireDate, employeeNumber }, id, this.stamp());
    this.data.employees.push(e);
    this.byId.set(id, e);
    // Spec `employee.updated`: creating an employee fires created, then updated.
    this.emit('created', id, []);
    const changed = filledFields(snapshot(this.view(e)));
    if (changed.length > 0) this.emit('updated', id, changed);
    return id;
  }

  /** Plain (non-history) fields; all are validated before any is applied. */
  update(id: number, fields: EmployeeFieldUpdate): void {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined) as Array<[string, string | null]>;
    for (const [key, value] of entries) {
      if (!UPDATABLE.has(key)) throw new SimError(400, `${key} cannot be updated this way`);
      if (value !== null && typeof value !== 'string') throw new SimError(400, `${key} must be a string or null`);
      if (REQUIRED.has(key) && !value?.trim()) throw new SimError(400, `${key} cannot be empty`);
      if ((key === 'hireDate' || key === 'birthDate') && value !== null && !isIsoDate(value)) throw new SimError(400, `${key} must be YYYY-MM-DD`);
    }
    this.mutate(id, (e) => {
      for (const [key, value] of entries) (e as unknown as Record<string, string | null>)[key] = value;
    });
  }

  addJobInfo(id: number, row: JobInfoInput): number {
    if (row.reportsTo != null) this.require(row.reportsTo);
    return this.mutate(id, (e) => applyJobInfo(this, e, row));
  }

  addEmploymentStatus(id: number, row: EmploymentStatusInput): number {
    return this.mutate(id, (e) => applyEmploymentStatus(this, e, row));
  }

  addCompensation(id: number, row: CompensationInput): number {
    return this.mutate(id, (e) => applyCompensation(this, e, row));
  }

  removeRow(id: number, table: TableName, rowId: number): void {
    this.mutate(id, (e) => deleteRow(e, table, rowId));
  }

  terminate(id: number, date: string, details: TerminationDetails = {}): number {
    return this.addEmploymentStatus(id, { terminationTypeId: '1', terminationReasonId: '1', terminationRehireId: '1', ...details, date, employmentStatus: 'Terminated' });
  }

  /** BambooHR moves the old hire date to originalHireDate on rehire (reference §2.6). */
  rehire(id: number, date: string, opts: { employmentStatus?: string } = {}): number {
    return this.mutate(id, (e) => {
      if (!isIsoDate(date)) throw new SimError(400, `date must be YYYY-MM-DD: ${date}`);
      if (!e.originalHireDate || e.originalHireDate === '0000-00-00') e.originalHireDate = e.hireDate;
      e.hireDate = date;
      return applyEmploymentStatus(this, e, { date, employmentStatus: opts.employmentStatus ?? 'Full-Time' });
    });
  }

  /** A deleted employee shows as `Deleted` in the changed feed and 404 elsewhere. */
  remove(id: number): void {
    const e = this.require(id);
    e.deleted = true;
    e.lastChanged = this.stamp();
    this.emit('deleted', id, []);
  }

  nextRowId(): number {
    return this.data.nextRowId++;
  }

  /**
   * Fires `employee.updated` for rows whose effective date the clock has crossed since the last
   * sweep. lastChanged moves only with bumpLastChangedOnEffectiveDate: whether BambooHR bumps
   * it then is unverified, and not bumping is the harsher case for a poller.
   */
  sweep(): void {
    const today = this.clock.today();
    const from = this.sweptThrough;
    if (today === from) return;
    this.sweptThrough = today;
    if (today < from) return;
    const inWindow = (date: string): boolean => date > from && date <= today;
    for (const e of this.data.employees) {
      if (e.deleted) continue;
      const due = e.jobInfo.some((r) => inWindow(r.date)) || e.employmentStatus.some((r) => inWindow(r.date)) || e.compensation.some((r) => inWindow(r.startDate));
      if (!due) continue;
      const changed = diffSnapshots(snapshot(this.view(e, from)), snapshot(this.view(e, today)));
      if (changed.length === 0) continue;
      if (this.bumpOnEffectiveDate) e.lastChanged = this.stamp();
      this.emit('updated', e.id, changed);
    }
  }

  /** A deleted manager no longer shows as anyone's supervisor. */
  private live(id: number): SimEmployee | undefined {
    const e = this.byId.get(id);
    return e && !e.deleted ? e : undefined;
  }

  require(id: number): SimEmployee {
    const e = this.byId.get(id);
    if (!e || e.deleted) throw new SimError(404, `no employee with id ${id}`);
    return e;
  }

  private mutate<T>(id: number, change: (e: SimEmployee) => T): T {
    this.sweep();
    const e = this.require(id);
    const before = snapshot(this.view(e));
    const result = change(e);
    e.lastChanged = this.stamp();
    const changed = diffSnapshots(before, snapshot(this.view(e)));
    if (changed.length > 0) this.emit('updated', id, changed);
    return result;
  }

  private stamp(): string {
    return formatTimestamp(this.clock.now(), 'Z');
  }

  private emit(kind: CompanyEvent['kind'], employeeId: number, changedFields: string[]): void {
    const event: CompanyEvent = { kind, employeeId, changedFields, at: this.clock.now() };
    for (const l of this.listeners) l(event);
  }
}
