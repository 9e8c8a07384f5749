// The journal port on GP. Stock SBA has no GL transaction service (erps.md §8 B.1): this talks
// to the site's partner service at paths.journals with the configured payload template, whose
// default is the contract the simulator implements (src/sim/dynamics-gp/README.md). A journal
// is saved as an unposted Work transaction (§8 B.3 GLTransactionState: Work may be changed,
// Open and History are posted and read-only). GP does not make the reference unique, so mlc
// looks for it before creating; and the create is never sent twice blindly: after a lost
// answer the caller looks again.
import { z } from 'zod';
import { MlcError } from '../../domain/errors.js';
import type { FoundJournal, JournalDoc, JournalPort, JournalProblem, OpOutcome } from '../types.js';
import type { GpClient } from './client.js';
import type { GpSettings } from './config.js';
import { describeDetail, errorInfo, gpError } from './errors.js';
import { foundJournal, journalPayload, referenceField } from './map.js';
import type { GpTables } from './session.js';
import { quoted } from './url.js';

const Journal = z.record(z.string(), z.unknown());
const REFERENCE_MAX = 30; // GL Transaction Entry's Reference field (erps.md §8 B.3)

export class GpJournals implements JournalPort {
  constructor(
    private readonly s: GpSettings,
    private readonly client: GpClient,
    private readonly tables: GpTables,
  ) {}

  async find(reference: string): Promise<FoundJournal | undefined> {
    const j = this.s.journal;
    const list = await this.client.list('journals', Journal, `${referenceField(j)} eq ${quoted(reference)}`);
    const found = list.map((r) => foundJournal(r, j));
    // Several with one reference (GP allows it: someone copied one): a posted one wins, then the newest.
    return found.sort((a, b) => Number(b.posted) - Number(a.posted) || Number(b.erpKey) - Number(a.erpKey))[0];
  }

  async validate(doc: JournalDoc): Promise<JournalProblem[]> {
    const [periods, accounts, centres] = await Promise.all([this.tables.periods.rows(), this.tables.accounts.rows(), this.tables.costCenters.rows()]);
    const problems: JournalProblem[] = [];
    if (doc.reference.length > REFERENCE_MAX) problems.push({ line: null, message: `reference "${doc.reference}" is longer than GP's ${REFERENCE_MAX} characters` });
    const period = [...periods.values()].find((p) => p.StartDate <= doc.date && doc.date <= p.EndDate);
    const series = this.s.journal.series;
    if (!period) problems.push({ line: null, message: `no fiscal period is set up in GP for ${doc.date}` });
    else if (period.Closed[series]) problems.push({ line: null, message: `fiscal period ${period.Year} period ${period.PeriodId} (${period.PeriodName || doc.period}) is closed for the ${series} series in GP` });
    doc.lines.forEach((l, i) => {
      if (!l.account) return; // not allocated (an unmapped value): the planner says why
      const a = accounts.get(l.account.toUpperCase());
      if (!a) problems.push({ line: i, message: `account ${l.account} does not exist in GP` });
      else if (!a.IsActive) problems.push({ line: i, message: `account ${l.account} (${a.Description}) is inactive in GP` });
      const cc = l.dimensions.costCenter;
      if (!cc) return;
      const c = centres.get(cc.toUpperCase());
      if (!c) problems.push({ line: i, message: `cost centre ${cc} does not exist in GP` });
      else if (!c.IsActive) problems.push({ line: i, message: `cost centre ${cc} (${c.Description}) is inactive in GP` });
    });
    return problems;
  }

  async create(doc: JournalDoc): Promise<OpOutcome> {
    const j = this.s.journal;
    const headers: Record<string, string> = j.customAction ? { 'GP-Custom-Action': 'POST' } : {};
    const res = await this.client.send('POST', this.client.url('journals'), journalPayload(doc, j), { headers, idempotent: false });
    if (res.status === 201 || res.status === 200) {
      const record = this.client.payload(res, Journal, 'POST journal');
      const found = foundJournal(record, j);
      return { ok: true, erpKey: found.erpKey, response: { status: res.status, journal: found.erpKey, state: String(record[j.stateField] ?? '') }, attempts: res.attempts };
    }
    const error = gpError(res, `POST ${this.s.paths.journals}`, this.s.name, { write: true });
    if (error.code !== 'record_rejected' && error.code !== 'record_failed') throw error;
    // GP's own refusal names each failing line (1-based): say which of ours it is.
    const lines = errorInfo(res).details.map((d) => ({ line: d.Line === undefined ? null : d.Line - 1, message: describeDetail(d) }));
    return { ok: false, error: new MlcError(error.code, error.message, { details: { ...error.details, lines } }) };
  }

  async remove(found: FoundJournal): Promise<void> {
    const res = await this.client.send('DELETE', this.client.url('journals', [found.erpKey]), undefined, { idempotent: true });
    if (res.status === 204 || res.status === 200 || res.status === 404) return;
    if (res.status === 409) throw new MlcError('record_rejected', `${this.s.name}: journal ${found.erpKey} has been posted in GP and is read-only; mlc cannot void it (reverse it in GP instead)`);
    throw gpError(res, `DELETE ${this.s.paths.journals}(${found.erpKey})`, this.s.name, { write: true });
  }
}
