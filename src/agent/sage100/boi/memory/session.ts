// SY_Session of the in-memory BOI: SetUser / SetCompany / SetDate / SetModule /
// SetProgram(LookupTask(...)) before NewObject, as in erps.md §2.2. NewObject refuses an
// object whose task was not set as the program (BOI checks the role's rights per task;
// the exact failure text is the memory BOI's own).
import { isObjectName, OBJECTS, type ObjectName } from '../catalog.js';
import { BOI_FAIL, BOI_OK, BoiUnavailableError, type BoiObject, type BoiSession, type Row } from '../port.js';
import { structureRows, type AccountStructure } from '../structure.js';
import type { MemoryCompany } from './company.js';
import { MemoryBusinessObject } from './object.js';

const PR_EMPLOYEE_TASK = 'PR_Employee_ui';

/** Task ids are opaque numbers to the caller; these are the memory BOI's. */
function taskTable(company: MemoryCompany): Map<string, number> {
  const tasks = new Map<string, number>(Object.values(OBJECTS).map((o, i) => [o.task, 101 + i]));
  if (company.prEmployeeBus) tasks.set(PR_EMPLOYEE_TASK, 201);
  return tasks;
}

export class MemorySession implements BoiSession {
  readonly implementation = 'memory' as const;
  private lastError = '';
  private user: string | undefined;
  private companyOpen = false;
  private date: string;
  private program = 0;
  private readonly tasks: Map<string, number>;
  private readonly epoch: number;

  constructor(
    private readonly company: MemoryCompany,
    date: string,
  ) {
    this.date = date;
    this.tasks = taskTable(company);
    this.epoch = company.epoch;
    company.stats.sessions += 1;
  }

  setUser(user: string, password: string): number {
    this.alive();
    const expected = this.company.user;
    const ok = expected ? expected.name === user && expected.password === password : user.length > 0;
    if (!ok) return this.fail('Invalid user logon or password.');
    this.user = user;
    return BOI_OK;
  }

  setCompany(company: string): number {
    this.alive();
    if (!this.user) return this.fail('SetUser must succeed before SetCompany.');
    if (company !== this.company.code) return this.fail(`Company ${company} does not exist.`);
    this.companyOpen = true;
    return BOI_OK;
  }

  setDate(_module: string, yyyymmdd: string): number {
    this.alive();
    if (!/^\d{8}$/.test(yyyymmdd)) return this.fail('The date must be YYYYMMDD.');
    this.date = yyyymmdd;
    return BOI_OK;
  }

  setModule(module: string): number {
    this.alive();
    if (module !== 'G/L' && !(module === 'P/R' && this.company.prEmployeeBus)) return this.fail(`Module ${module} is not installed.`);
    return BOI_OK;
  }

  lookupTask(task: string): number {
    this.alive();
    const id = this.tasks.get(task);
    if (id === undefined) return this.fail(`Task ${task} was not found.`);
    return id;
  }

  setProgram(taskId: number): number {
    this.alive();
    if (![...this.tasks.values()].includes(taskId)) return this.fail('Invalid program.');
    this.program = taskId;
    return BOI_OK;
  }

  newObject(name: string): BoiObject {
    this.alive();
    if (!this.companyOpen) throw this.refuse('No company is open; call SetCompany first.');
    if (name === 'PR_Employee_bus' && this.program === this.tasks.get(PR_EMPLOYEE_TASK)) return new InertObject(name);
    if (!isObjectName(name)) throw this.refuse(`Object ${name} could not be created.`);
    if (this.program !== this.tasks.get(OBJECTS[name].task)) throw this.refuse(`Access to ${name} was denied: the program is not set to ${OBJECTS[name].task}.`);
    const userKey = '0000000001';
    return new MemoryBusinessObject(name as ObjectName, this.company, { date: () => this.date, userKey: () => userKey, alive: () => this.alive() });
  }

  lastErrorMsg(): string {
    return this.lastError;
  }

  scan(table: string, visit: (row: Row) => boolean): void {
    this.alive();
    if (!this.companyOpen) throw this.refuse('No company is open; call SetCompany first.');
    const rows = table === 'GL_AccountStructure' ? structureRows(this.company.structure) : table === 'GL_MainAccount' || table === 'GL_SubAccount' || table === 'GL_Account' ? this.company.rows(table) : undefined;
    if (!rows) throw this.refuse(`Table ${table} was not found.`);
    for (const row of rows) if (!visit(row)) return;
  }

  accountStructure(): AccountStructure {
    return this.company.structure;
  }

  close(): void {
    this.companyOpen = false;
  }

  /** Like a COM call on a dead ProvideX process: an exception, not a return code. */
  private alive(): void {
    if (this.epoch !== this.company.epoch) throw new BoiUnavailableError('the ProvideX session has ended (simulated)');
  }

  private fail(message: string): number {
    this.lastError = message;
    return BOI_FAIL;
  }

  private refuse(message: string): Error {
    this.lastError = message;
    return new Error(message);
  }
}

/** Stands for PR_Employee_bus when a seed says it exists: the agent only probes it (erps.md §8 D.3). */
class InertObject implements BoiObject {
  constructor(readonly name: string) {}
  setKeyValue(): number {
    return BOI_FAIL;
  }
  setKey(): number {
    return BOI_FAIL;
  }
  setValue(): number {
    return BOI_FAIL;
  }
  getValue(): undefined {
    return undefined;
  }
  write(): number {
    return BOI_FAIL;
  }
  clear(): number {
    return BOI_OK;
  }
  lastErrorMsg(): string {
    return 'The memory BOI does not implement payroll objects.';
  }
  dropObject(): void {}
}
