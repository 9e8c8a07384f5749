// The shape of a bad-input case (see bad-input.test.ts).
import type { State } from '../../src/store/state.js';
import type { TestSandbox } from '../helpers/sandbox.js';

export interface Ctx {
  t: TestSandbox;
  dir: string;
  edit(f: (yaml: string) => string): void;
  db(): State;
  /** Values an arrange step prepared for the run (e.g. a generated key). */
  vars: Record<string, string>;
}

export interface Case {
  name: string;
  /** `synced`: a good run first, so there is a cursor and ERP state to protect. */
  prepare: 'fresh' | 'synced';
  arrange?: (c: Ctx) => unknown;
  args?: string[];
  env?: Record<string, string> | ((c: Ctx) => Record<string, string>);
  /** Runs mlc through another command (setpriv, ulimit…); undefined: directly. */
  prefix?: (c: Ctx) => string[] | undefined;
  code: number;
  /** A fragment of what the user sees (stdout + stderr); a function when it depends on the case's files. */
  says: string | RegExp | ((c: Ctx) => string | RegExp);
  /** Undo the bad input; a normal run must then converge (default: clear faults). */
  repair?: (c: Ctx) => void | Promise<void>;
  /** Config problems: no state file may be created at all. */
  noState?: boolean;
}
