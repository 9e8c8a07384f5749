// The GL journal service. Stock SBA has no GL transaction object (erps.md §8 B.1), so this is
// the partner-service contract mlc defines and the simulator implements (README "Journal
// service contract"). Create = POST to the collection with `GP-Custom-Action: POST`, as public
// partner services are called (B.1). It saves an unposted Work transaction (B.3
// GLTransactionState); Open/History (posted) ones are read-only: any write is a 409.
// GP does not make Reference unique, so a second create with the same reference succeeds:
// a client finds an earlier one with `$filter=Reference eq '…'` before it creates.
import { header } from '../common/http.js';
import { filterFor } from './filter.js';
import { emptyResponse, GpError, payloadOf, payloadResponse } from './http.js';
import { JournalCreate, JournalUpdate, validateJournal, type JournalInput } from './journal-validate.js';
import { sequenceNumber, withTotals } from './records.js';
import type { Call, ResourceDef } from './resource.js';
import type { GpTransaction } from './types.js';
import { parseWith } from './validation.js';

function found(c: Call, key: string): GpTransaction {
  const t = /^\d+$/.test(key) ? c.store.transactions.get(String(Number(key))) : undefined;
  if (!t) throw new GpError(404, 'NotFound', `Journal entry ${key} does not exist.`);
  return t;
}

function writable(c: Call, key: string): GpTransaction {
  const t = found(c, key);
  if (t.TransactionState !== 'Work') throw new GpError(409, 'TransactionPosted', `Journal entry ${t.JournalId} has been posted (${t.TransactionState}) and cannot be changed or deleted.`);
  return t;
}

/** Validates and builds the stored transaction; every failing line in one 400. */
function build(c: Call, j: JournalInput, base: { JournalId: number; CreatedDate: string }): GpTransaction {
  const { period, problems } = validateJournal(c.store, j);
  if (problems.length > 0 || !period) throw new GpError(400, 'ValidationFailed', `The transaction was not saved: ${problems.length} problem(s).`, problems);
  const now = c.store.stamp();
  return withTotals({
    JournalId: base.JournalId,
    BatchId: j.BatchId ?? '',
    TransactionState: 'Work',
    SourceDocument: j.SourceDocument ?? 'GJ',
    TransactionDate: j.TransactionDate,
    FiscalYear: period.Year,
    PeriodId: period.PeriodId,
    Reference: j.Reference,
    Description: j.Description ?? '',
    Lines: j.Lines.map((l, i) => ({
      SequenceNumber: sequenceNumber(i),
      AccountNumber: c.store.accounts.get(l.AccountNumber)?.AccountNumber ?? l.AccountNumber,
      DebitAmount: l.DebitAmount ?? 0,
      CreditAmount: l.CreditAmount ?? 0,
      DistributionReference: l.DistributionReference ?? '',
      CostCenter: l.CostCenter ?? '',
    })),
    CreatedDate: base.CreatedDate,
    ModifiedDate: now,
    PostedDate: '',
  });
}

const asInput = (t: GpTransaction): JournalInput => ({
  Reference: t.Reference,
  TransactionDate: t.TransactionDate,
  BatchId: t.BatchId,
  Description: t.Description,
  SourceDocument: t.SourceDocument,
  Lines: t.Lines.map(({ SequenceNumber: _s, ...l }) => l),
});

export function journalsResource(requireCustomAction: boolean): ResourceDef {
  return {
    name: 'journals',
    defaultPath: 'Custom/Financials/GLTransactions',
    defaultEnabled: true,
    keyTemplate: '{JournalId}',
    keyArity: 1,
    noun: 'GL transactions',
    origin: 'partner',
    handlers: {
      list: (c) =>
        payloadResponse(
          200,
          c.store.transactions.all().filter(
            filterFor<GpTransaction>(c.req.query, {
              Reference: { type: 'string', get: (t) => t.Reference },
              BatchId: { type: 'string', get: (t) => t.BatchId },
              TransactionState: { type: 'string', get: (t) => t.TransactionState },
              TransactionDate: { type: 'string', get: (t) => t.TransactionDate },
              FiscalYear: { type: 'number', get: (t) => t.FiscalYear },
              PeriodId: { type: 'number', get: (t) => t.PeriodId },
              JournalId: { type: 'number', get: (t) => t.JournalId },
              ModifiedDate: { type: 'datetime', get: (t) => t.ModifiedDate },
            }),
          ),
          c.format,
        ),
      get: (c, [key = '']) => payloadResponse(200, found(c, key), c.format),
      create: (c) => {
        if (requireCustomAction && header(c.req, 'gp-custom-action')?.trim().toUpperCase() !== 'POST') {
          throw new GpError(400, 'CustomActionRequired', 'This service is a custom action: send the header GP-Custom-Action: POST.');
        }
        const input = parseWith(JournalCreate, payloadOf(c.req), 'GL transaction');
        // The journal number is taken only once the transaction is valid: failed attempts leave no gaps.
        const t = { ...build(c, input, { JournalId: 0, CreatedDate: c.store.stamp() }), JournalId: c.store.takeJournalId() };
        c.store.transactions.put(t);
        c.stats.writes += 1;
        c.stats.journalsCreated += 1;
        return payloadResponse(201, t, c.format, { Location: c.location(String(t.JournalId)) });
      },
      update: (c, [key = '']) => {
        const old = writable(c, key);
        const patch = parseWith(JournalUpdate, payloadOf(c.req), 'GL transaction');
        c.store.transactions.put(build(c, { ...asInput(old), ...patch }, old));
        c.stats.writes += 1;
        return emptyResponse();
      },
      remove: (c, [key = '']) => {
        const t = writable(c, key);
        c.store.transactions.delete(String(t.JournalId));
        c.stats.writes += 1;
        return emptyResponse();
      },
    },
  };
}
