// The journal in the audit and links (family `journal`, source key = the period): one row per
// attempt, planned before the ERP is called, then applied (with the journal's ERP key as the
// link), unchanged (found in the ERP already), parked (held: every failing line in the
// reason) or failed. Pay is sensitive (DESIGN §3.8): the row keeps the journal's accounts,
// cost centres and descriptions, never an amount.
import type { JournalDoc } from '../../adapters/types.js';
import { stableHash } from '../../domain/hash.js';
import { REDACTED } from '../../domain/redact-payload.js';
import type { AuditStatus } from '../../store/audit.js';
import type { State } from '../../store/state.js';

export interface JournalRow {
  flow: string;
  doc: JournalDoc;
  kind: 'create' | 'update';
  replayOf?: number | undefined;
}

/** The journal as the audit keeps it: every line, amounts redacted. */
export function auditedDoc(doc: JournalDoc): Record<string, unknown> {
  return { ...doc, lines: doc.lines.map((l) => ({ ...l, debit: REDACTED, credit: REDACTED })) };
}

export class JournalAudit {
  constructor(
    private readonly state: State,
    private readonly runId: string,
    private readonly now: () => string,
  ) {}

  private insert(r: JournalRow, status: AuditStatus, extra: { reason?: string | null; errorCode?: string | null; erpKey?: string | null } = {}): number {
    const payload = auditedDoc(r.doc);
    return this.state.audit.insert({
      runId: this.runId, flow: r.flow, family: 'journal', employeeId: r.doc.period, label: r.doc.reference, kind: r.kind, status,
      reason: extra.reason ?? null, errorCode: extra.errorCode ?? null, effectiveDate: r.doc.date, sourceHash: stableHash({ period: r.doc.period, reference: r.doc.reference }),
      payloadHash: stableHash(payload), payloadJson: JSON.stringify(payload), erpKey: extra.erpKey ?? null, replayOf: r.replayOf ?? null, createdAt: this.now(),
    });
  }

  private link(r: JournalRow, erpKey: string, at: string): void {
    this.state.links.put({ flow: r.flow, family: 'journal', employeeId: r.doc.period, erpKey, payloadHash: stableHash(auditedDoc(r.doc)), sourceHash: null, erpState: 'active', appliedAt: at });
  }

  /** Before the ERP is called: a run killed after the call leaves this row for the next run to settle. */
  planned(r: JournalRow): number {
    return this.state.transaction(() => this.insert(r, 'planned'));
  }

  applied(r: JournalRow, id: number, erpKey: string, response: Record<string, unknown>, startedAt: string): void {
    const at = this.now();
    this.state.transaction(() => {
      this.state.audit.finish(id, { status: 'applied', attempts: 1, startedAt, finishedAt: at, erpKey, responseJson: JSON.stringify(response) });
      this.link(r, erpKey, at);
      this.state.audit.resolveOthers(r.flow, r.doc.period, id, 'journal');
    });
  }

  /** Found in the ERP already (a second run, or the one after a run killed between posting and recording). */
  found(r: JournalRow, erpKey: string, reason: string): void {
    this.state.transaction(() => {
      const id = this.insert(r, 'unchanged', { reason, erpKey });
      this.link(r, erpKey, this.now());
      this.state.audit.resolveOthers(r.flow, r.doc.period, id, 'journal');
    });
  }

  /** Held (parked) or failed; the same refusal again counts an attempt on the open row. */
  refused(r: JournalRow, status: 'parked' | 'failed', errorCode: string, reason: string, id?: number, startedAt?: string): number {
    return this.state.transaction(() => {
      if (id !== undefined) {
        this.state.audit.finish(id, { status, errorCode, reason, attempts: 1, startedAt: startedAt ?? this.now(), finishedAt: this.now() });
        this.state.audit.resolveOthers(r.flow, r.doc.period, id, 'journal');
        return id;
      }
      const same = this.state.audit.openFor(r.flow, r.doc.period, 'journal').find((x) => x.status === status && x.reason === reason);
      if (same) {
        this.state.audit.countRetry(same.id, this.now());
        return same.id;
      }
      const row = this.insert(r, status, { reason, errorCode });
      this.state.audit.resolveOthers(r.flow, r.doc.period, row, 'journal');
      return row;
    });
  }

  /** Refused by the user's own request (replacing a posted journal): closes nothing. */
  skipped(r: JournalRow, reason: string, erpKey: string): number {
    return this.state.transaction(() => this.insert(r, 'skipped', { reason, erpKey }));
  }
}
