// Reference data, read once per run with the generic table query (erps.md §1.4, §1.5): cost
// centres, work centres (each belongs to a cost centre, §8 C.1/C.4) and the labour employees'
// codes. A work centre whose cost centre does not exist is reported inactive, with the reason
// in its name, so the engine's reference check parks the employees mapped to it and `mlc
// config check --online` lists it; the codes tell Add from Update before anything is sent.
import type { ReferenceRecord } from '../types.js';
import type { EnetClient } from './client.js';
import type { SysproSettings } from './config.js';

export const RECORD_TYPES = { workCentre: 'workCentre', costCentre: 'costCentre' } as const;

/** A read kept for the run; a failed one is forgotten, so a later call reads again. */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => {
    kept ??= read().catch((err: unknown) => {
      kept = undefined;
      throw err;
    });
    return kept;
  };
}

export class SysproReferences {
  readonly costCentres: () => Promise<ReadonlyMap<string, ReferenceRecord>>;
  readonly workCentres: () => Promise<ReadonlyMap<string, ReferenceRecord>>;
  /** Employee codes SYSPRO holds: upper-cased → as SYSPRO holds them. */
  readonly employees: () => Promise<Map<string, string>>;

  constructor(client: EnetClient, s: SysproSettings) {
    const t = s.tables;
    this.costCentres = once(async () => {
      const rows = await client.table(t.costCentre.table, [t.costCentre.code, t.costCentre.description], t.costCentre.code);
      return new Map(rows.map((r) => [r[t.costCentre.code]!, { id: r[t.costCentre.code]!, name: r[t.costCentre.description] ?? '', active: true }]));
    });
    this.workCentres = once(async () => {
      const w = t.workCentre;
      const costCentres = await this.costCentres();
      const rows = await client.table(w.table, [w.code, w.description, w.costCentre], w.code);
      return new Map(
        rows.map((r) => {
          const id = r[w.code]!;
          const cc = r[w.costCentre] ?? '';
          const description = r[w.description] ?? '';
          const active = cc !== '' && costCentres.has(cc);
          const name = active ? description : `${description ? `${description}; ` : ''}${cc === '' ? 'it has no cost centre' : `its cost centre ${cc} does not exist in SYSPRO`}`;
          return [id, { id, name, active }];
        }),
      );
    });
    this.employees = once(async () => {
      const rows = await client.table(t.employee.table, [t.employee.code], t.employee.code);
      return new Map(rows.map((r) => [(r[t.employee.code] ?? '').toUpperCase(), r[t.employee.code] ?? '']));
    });
  }

  /** The records of the reference types the flows' slots check (workCentre; costCentre too). */
  async records(recordTypes: readonly string[]): Promise<Record<string, ReferenceRecord[]>> {
    const out: Record<string, ReferenceRecord[]> = {};
    for (const type of recordTypes) {
      if (type === RECORD_TYPES.workCentre) out[type] = [...(await this.workCentres()).values()];
      else if (type === RECORD_TYPES.costCentre) out[type] = [...(await this.costCentres()).values()];
    }
    return out;
  }
}
