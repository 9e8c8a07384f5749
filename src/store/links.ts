// Links: BambooHR id → ERP key per flow, with the hash of the last payload written, so an
// unchanged record costs no ERP call (DESIGN §3.5) and a rehire finds its old record (§3.1).
import type { Db } from './db.js';

export interface Link {
  flow: string;
  employeeId: string;
  erpKey: string | null;
  payloadHash: string | null;
  sourceHash: string | null;
  erpState: 'active' | 'inactive' | null;
  appliedAt: string | null;
}

type Raw = {
  flow: string; employee_id: string; erp_key: string | null; payload_hash: string | null; source_hash: string | null;
  erp_state: 'active' | 'inactive' | null; applied_at: string | null;
};
const toLink = (r: Raw): Link => ({
  flow: r.flow, employeeId: r.employee_id, erpKey: r.erp_key, payloadHash: r.payload_hash, sourceHash: r.source_hash,
  erpState: r.erp_state, appliedAt: r.applied_at,
});

export class LinkStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly countStmt;
  private readonly allStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string, string], Raw>('SELECT * FROM links WHERE flow = ? AND employee_id = ?');
    this.putStmt = db.prepare(
      `INSERT INTO links (flow, employee_id, erp_key, payload_hash, source_hash, erp_state, applied_at)
       VALUES (@flow, @employeeId, @erpKey, @payloadHash, @sourceHash, @erpState, @appliedAt)
       ON CONFLICT (flow, employee_id) DO UPDATE SET erp_key = COALESCE(@erpKey, erp_key), payload_hash = @payloadHash,
         source_hash = @sourceHash, erp_state = @erpState, applied_at = @appliedAt`,
    );
    this.countStmt = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM links WHERE flow = ?');
    this.allStmt = db.prepare<[string], Raw>('SELECT * FROM links WHERE flow = ?');
  }

  get(flow: string, employeeId: string): Link | undefined {
    const r = this.getStmt.get(flow, employeeId);
    return r && toLink(r);
  }

  put(link: Link): void {
    this.putStmt.run(link);
  }

  /** Every link of a flow, by employee id (supervisor lookups during a run). */
  byEmployee(flow: string): Map<string, Link> {
    return new Map(this.allStmt.all(flow).map((r) => [r.employee_id, toLink(r)]));
  }

  /**
   * Links a run needs: the candidates' and their supervisors'. A few are read one by one; a
   * large set in one scan (reading 50,000 links for a run of five would cost more than it).
   */
  lookup(flow: string, ids: readonly string[]): { get(id: string): Link | undefined } {
    if (ids.length > 500) return this.byEmployee(flow);
    const cache = new Map<string, Link | undefined>();
    return {
      get: (id) => {
        if (!cache.has(id)) cache.set(id, this.get(flow, id));
        return cache.get(id);
      },
    };
  }

  count(flow: string): number {
    return this.countStmt.get(flow)?.n ?? 0;
  }
}
