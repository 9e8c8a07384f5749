// The ERP simulators, one line each: the sandbox, the demo, the benchmarks and every test
// suite run against each one registered here (a new adapter joins them by this line).
import type { ErpSimEntry } from './erp-sandbox.js';
import { gpSimEntry } from './dynamics-gp/sandbox.js';
import { d365SimEntry } from './d365/sandbox.js';
import { netsuiteSimEntry } from './netsuite/sandbox.js';
import { sage100SimEntry } from './sage100/sandbox.js';
import { sysproSimEntry } from './syspro/sandbox.js';

const entries: readonly ErpSimEntry[] = [
  netsuiteSimEntry,
  sysproSimEntry,
  sage100SimEntry,
  gpSimEntry,
  d365SimEntry,
];

export function simErps(): readonly ErpSimEntry[] {
  return entries;
}

export function simErp(name: string): ErpSimEntry | undefined {
  return entries.find((e) => e.name === name);
}
