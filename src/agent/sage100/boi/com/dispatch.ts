// Calling members of a COM object through winax. ProvideX prefixes each BOI method with its
// return type (`nSetKey` number, `sLastErrorMsg` string) and each variable name with `$`
// when it holds a string (erps.md §2.2); the helpers here keep that in one place.
import { BoiUnavailableError } from '../port.js';
import type { ComDispatch } from './winax.js';

export function invoke(target: ComDispatch, method: string, ...args: unknown[]): unknown {
  const fn = target[method];
  if (typeof fn !== 'function') throw new BoiUnavailableError(`COM object has no method ${method}`);
  try {
    return Reflect.apply(fn, target, args);
  } catch (err) {
    // A COM exception (RPC failure, ProvideX error) means the session may be gone: the agent reopens it.
    throw new BoiUnavailableError(`${method} raised a COM error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function invokeNumber(target: ComDispatch, method: string, ...args: unknown[]): number {
  const n = Number(invoke(target, method, ...args));
  return Number.isFinite(n) ? n : 0;
}

export function property(target: ComDispatch, name: string): unknown {
  try {
    return target[name];
  } catch (err) {
    throw new BoiUnavailableError(`reading ${name} raised a COM error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function propertyString(target: ComDispatch, name: string): string {
  const v = property(target, name);
  return v === undefined || v === null ? '' : String(v);
}

/** The ProvideX variable name for a field: `Name$` holds a string, `Name` a number. */
export function pvxName(field: string, isString: boolean): string {
  return isString ? `${field}$` : field;
}
