// The part of the `winax` package (Node COM binding, github.com/durs/node-activex) the agent
// uses, typed here so the agent compiles and runs without it: winax is an optional,
// Windows-only dependency, loaded with a dynamic import only when `boi.implementation: com`
// is configured. Shapes follow winax's index.d.ts (Object, Variant, release).
import { BoiUnavailableError } from '../port.js';

/** An IDispatch object: ProvideX.Script, SY_Session, a *_bus object. Members are resolved at run time. */
export interface ComDispatch {
  [member: string]: unknown;
}

export interface WinaxVariant {
  valueOf(): unknown;
}

export interface Winax {
  Object: new (progId: string, options?: { activate?: boolean; type?: boolean }) => ComDispatch;
  /** `new Variant(v, 'byref')` wraps another variant by reference (winax test/variant.js). */
  Variant: new (value?: unknown, type?: string) => WinaxVariant;
  release(...objects: unknown[]): void;
}

function isWinax(mod: unknown): mod is Winax {
  const m = mod as Partial<Winax> | undefined;
  return typeof m?.Object === 'function' && typeof m.Variant === 'function';
}

/** The module name is a variable so TypeScript does not look for the package at build time. */
export async function loadWinax(moduleName = 'winax'): Promise<Winax> {
  if (process.platform !== 'win32') throw new BoiUnavailableError(`boi.implementation "com" needs Windows (this is ${process.platform}); use "memory" elsewhere`);
  let mod: unknown;
  try {
    mod = await import(moduleName);
  } catch (err) {
    throw new BoiUnavailableError(`the COM binding "${moduleName}" is not installed: run \`npm install winax\` on the Sage server (${err instanceof Error ? err.message : String(err)})`);
  }
  const candidate = (mod as { default?: unknown }).default ?? mod;
  if (!isWinax(candidate)) throw new BoiUnavailableError(`"${moduleName}" does not look like winax (no Object / Variant exports)`);
  return candidate;
}
