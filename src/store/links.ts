// Links: source key → ERP key per (flow, record family), with the hash of the last payload
// written, so an unchanged record costs no ERP call (DESIGN §3.5) and a rehire finds its old
// record (§3.1). For people the source key is the BambooHR employee id; for org-structure
// values and postings it is their own key (DESIGN §8).
import type { RecordFamily } from '../adapters/types.js';
import type { Db } from './db.js';

export interface Link {
  flow: string;
  /** The record's family; absent means employee. */
  family?: RecordFamily | undefined;
  /** The source key (the BambooHR id for people). */
  employeeId: string;
  erpKey: string | null;
  payloadHash: string | null;
  sourceHash: string | null;
  erpState: 'active' | 'inactive' | null;
  appliedAt: string | null;
}

type Raw = {
  flow: string; family: RecordFamily; employee_id: string; erp_key: string | null; payload_hash: string | null; source_hash: string | null;
  erp_state: 'active' | 'inactive' | null; applied_at: string | null;
};
const toLink = (r: Raw): Link => ({
  flow: r.flow, family: r.family, employeeId: r.employee_id, erpKey: r.erp_key, payloadHash: r.payload_hash, sourceHash: r.source_hash,
  erpState: r.erp_state, appliedAt: r.applied_at,
});

export class LinkStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly countStmt;
  private readonly allStmt;
  private readonly someStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string, string, string], Raw>('SELECT * FROM links WHERE flow = ? AND family = ? AND employee_id = ?');
    this.putStmt = db.prepare(
      `INSERT INTO links (flow, family, employee_id, erp_key, payload_hash, source_hash, erp_state, applied_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (flow, family, employee_id) DO UPDATE SET erp_key = COALESCE(excluded.erp_key, erp_key), payload_hash = excluded.payload_hash,
         source_hash = excluded.source_hash, erp_state = excluded.erp_state, applied_at = excluded.applied_at`,
    );
    this.countStmt = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM links WHERE flow = ? AND family = ?');
    this.allStmt = db.prepare<[string, string], Raw>('SELECT * FROM links WHERE flow = ? AND family = ?');
    this.someStmt = db.prepare<[string, string, string], Raw>('SELECT * FROM links WHERE flow = ? AND family = ? AND employee_id IN (SELECT value FROM json_each(?))');
  }

  get(flow: string, employeeId: string, family: RecordFamily = 'employee'): Link | undefined {
    const r = this.getStmt.get(flow, family, employeeId);
    return r && toLink(r);
  }

  put(link: Link): void {
    // Positional parameters: one put per record written (named ones cost a lookup each).
    this.putStmt.run(link.flow, link.family ?? 'employee', link.employeeId, link.erpKey, link.payloadHash, link.sourceHash, link.erpState, link.appliedAt);
  }

  /** Every link of a flow and family, by source key (supervisor lookups during a run). */
  byEmployee(flow: string, family: RecordFamily = 'employee'): Map<string, Link> {
    return new Map(this.allStmt.all(flow, family).map((r) => [r.employee_id, toLink(r)]));
  }

  /**
   * Links a run needs: the candidates' (read together) and anyone else's on demand (a
   * supervisor outside this chunk), each read once.
   */
  lookup(flow: string, ids: readonly string[], family: RecordFamily = 'employee'): { get(id: string): Link | undefined } {
    const cache = new Map<string, Link | undefined>();
    if (ids.length > 20) {
      for (const id of ids) cache.set(id, undefined);
      for (const r of this.someStmt.all(flow, family, JSON.stringify(ids))) cache.set(r.employee_id, toLink(r));
    }
    return {
      get: (id) => {
        if (!cache.has(id)) cache.set(id, this.get(flow, id, family));
        return cache.get(id);
      },
    };
  }

  count(flow: string, family: RecordFamily = 'employee'): number {
    return this.countStmt.get(flow, family)?.n ?? 0;
  }
}
