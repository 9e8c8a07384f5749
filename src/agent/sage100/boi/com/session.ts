// SY_Session over COM: `CreateObject("ProvideX.Script")`, `Init(<MAS90\Home>)`,
// `NewObject("SY_Session")`, then the session calls of erps.md §2.2 (crgolden.Sage100,
// naveego/plugin-sage SessionService.cs). Tables are read by browsing a business object
// (nMoveFirst / nEOF / nMoveNext / nGetValue, as naveego's GetAllRecords does); the account
// structure comes from the agent's config because GL_AccountStructure's layout is NOT FOUND.
import { columnsOf, isTableName, OBJECTS, type ObjectName, type TableName, type UdfSpec } from '../catalog.js';
import { BoiUnavailableError, type BoiObject, type BoiSession, type Row } from '../port.js';
import { structureRows, type AccountStructure } from '../structure.js';
import { invoke, invokeNumber, property, propertyString } from './dispatch.js';
import { ComObject } from './object.js';
import type { ComDispatch, Winax } from './winax.js';

export interface ComSessionOptions {
  /** The MAS90\Home folder handed to ProvideX.Script.Init. */
  homePath: string;
  /** COM ProgID; "ProvideX.Script" (erps.md §2.2); some samples use "ProvideX.Script.1". */
  progId: string;
  accountStructure: AccountStructure;
  udfs: readonly UdfSpec[];
  /** Object used to browse each table (default `<table>_bus`, as naveego reads through business objects). */
  readObjects: Partial<Record<TableName, string>>;
  tasks: Record<ObjectName, string>;
  sessionDate: () => string;
}

const asDispatch = (value: unknown, what: string): ComDispatch => {
  if (typeof value !== 'object' || value === null) throw new BoiUnavailableError(`${what} returned no object`);
  return value as ComDispatch;
};

export class ComSession implements BoiSession {
  readonly implementation = 'com' as const;
  private readonly pvx: ComDispatch;
  private readonly oSS: ComDispatch;

  constructor(
    private readonly winax: Winax,
    private readonly opts: ComSessionOptions,
  ) {
    this.pvx = new winax.Object(opts.progId);
    invoke(this.pvx, 'Init', opts.homePath);
    this.oSS = asDispatch(invoke(this.pvx, 'NewObject', 'SY_Session'), 'NewObject("SY_Session")');
  }

  setUser(user: string, password: string): number {
    return invokeNumber(this.oSS, 'nSetUser', user, password);
  }
  setCompany(company: string): number {
    return invokeNumber(this.oSS, 'nSetCompany', company);
  }
  setDate(module: string, yyyymmdd: string): number {
    return invokeNumber(this.oSS, 'nSetDate', module, yyyymmdd);
  }
  setModule(module: string): number {
    return invokeNumber(this.oSS, 'nSetModule', module);
  }
  lookupTask(task: string): number {
    return invokeNumber(this.oSS, 'nLookupTask', task);
  }
  setProgram(taskId: number): number {
    return invokeNumber(this.oSS, 'nSetProgram', taskId);
  }

  newObject(name: string): BoiObject {
    const result = invoke(this.pvx, 'NewObject', name, this.oSS);
    // No object back (rather than a COM exception) is a refusal, e.g. the role lacks the task: a setup problem, not an outage.
    if (typeof result !== 'object' || result === null) throw new Error(`NewObject("${name}") returned no object: ${this.lastErrorMsg()}`);
    const o = result as ComDispatch;
    const table = Object.entries(OBJECTS).find(([n]) => n === name)?.[1].table;
    const { numeric } = table ? columnsOf(table, table === 'GL_SubAccount' ? this.opts.udfs : []) : { numeric: new Set<string>() };
    return new ComObject(name, o, this.winax, numeric);
  }

  lastErrorMsg(): string {
    return propertyString(this.oSS, 'sLastErrorMsg');
  }

  scan(table: string, visit: (row: Row) => boolean): void {
    if (!isTableName(table)) throw new BoiUnavailableError(`unknown table ${table}`);
    if (table === 'GL_AccountStructure') {
      for (const row of structureRows(this.opts.accountStructure)) if (!visit(row)) return;
      return;
    }
    const bo = this.openReader(table);
    try {
      const { columns } = columnsOf(table, table === 'GL_SubAccount' ? this.opts.udfs : []);
      invoke(bo.raw, 'nMoveFirst');
      while (Number(property(bo.raw, 'nEOF')) === 0) {
        const row: Row = {};
        for (const c of columns) row[c] = bo.object.getValue(c) ?? '';
        if (!visit(row)) return;
        invoke(bo.raw, 'nMoveNext');
      }
    } finally {
      bo.object.dropObject();
    }
  }

  accountStructure(): AccountStructure {
    return this.opts.accountStructure;
  }

  close(): void {
    try {
      invoke(this.oSS, 'nCleanup');
      invoke(this.oSS, 'DropObject');
    } finally {
      this.winax.release(this.oSS, this.pvx);
    }
  }

  /** Browsing needs the same program setup as writing (erps.md §2.2). */
  private openReader(table: Exclude<TableName, 'GL_AccountStructure'>): { raw: ComDispatch; object: ComObject } {
    const objectName = this.opts.readObjects[table] ?? `${table}_bus`;
    const owner = Object.entries(OBJECTS).find(([, spec]) => spec.table === table);
    const task = owner ? this.opts.tasks[owner[0] as ObjectName] : `${table}_ui`;
    this.setDate('G/L', this.opts.sessionDate());
    this.setModule('G/L');
    const taskId = this.lookupTask(task);
    if (taskId === 0 || this.setProgram(taskId) === 0) throw new BoiUnavailableError(`cannot set the program to ${task}: ${this.lastErrorMsg()}`);
    const raw = asDispatch(invoke(this.pvx, 'NewObject', objectName, this.oSS), `NewObject("${objectName}")`);
    const { numeric } = columnsOf(table, table === 'GL_SubAccount' ? this.opts.udfs : []);
    return { raw, object: new ComObject(objectName, raw, this.winax, numeric) };
  }
}
