// A business object over COM: each port call is one BOI method call (erps.md §2.2). GetValue
// takes its second argument by reference; with winax that is a Variant wrapped in a
// 'byref' Variant (winax test/variant.js), read back with valueOf(). NOT verified against a
// real ProvideX server here: the smoke test (scripts/sage100-smoke.ps1) checks it on site.
import type { BoiObject, FieldValue } from '../port.js';
import { invoke, invokeNumber, propertyString, pvxName } from './dispatch.js';
import type { ComDispatch, Winax } from './winax.js';

export class ComObject implements BoiObject {
  constructor(
    readonly name: string,
    private readonly o: ComDispatch,
    private readonly winax: Winax,
    private readonly numeric: ReadonlySet<string>,
  ) {}

  setKeyValue(field: string, value: FieldValue): number {
    return invokeNumber(this.o, 'nSetKeyValue', pvxName(field, typeof value === 'string'), value);
  }

  setKey(): number {
    return invokeNumber(this.o, 'nSetKey');
  }

  setValue(field: string, value: FieldValue): number {
    return invokeNumber(this.o, 'nSetValue', pvxName(field, typeof value === 'string'), value);
  }

  getValue(field: string): FieldValue | undefined {
    const isNumber = this.numeric.has(field);
    const inner = new this.winax.Variant(isNumber ? 0 : '', isNumber ? 'double' : 'string');
    const ref = new this.winax.Variant(inner, 'byref');
    const ok = invokeNumber(this.o, 'nGetValue', pvxName(field, !isNumber), ref);
    if (ok === 0) return undefined;
    const value = inner.valueOf();
    if (isNumber) return Number(value);
    return value === undefined || value === null ? '' : String(value);
  }

  write(): number {
    return invokeNumber(this.o, 'nWrite');
  }

  clear(): number {
    return invokeNumber(this.o, 'nClear');
  }

  lastErrorMsg(): string {
    return propertyString(this.o, 'sLastErrorMsg');
  }

  dropObject(): void {
    try {
      invoke(this.o, 'DropObject');
    } finally {
      this.winax.release(this.o);
    }
  }
}
