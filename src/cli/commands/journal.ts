// `mlc journal --period 2026-11|previous`: post one period's compensation cost as a GL journal
// (a journal flow, DESIGN §8), once. The lines and totals are printed (and in --json) so the
// controller can check them; exit 1 when the journal is held (the failing lines are listed).
import { Command, Option } from 'commander';
import type { JournalOutcome } from '../../app/journal/run.js';
import { withCommon } from '../common.js';
import { table } from '../format/table.js';
import { logLevelOf, runCommand, type CommonOptions } from '../run.js';

interface JournalFlags extends CommonOptions {
  period: string;
  flow?: string;
  dryRun?: boolean;
  replace?: boolean;
  json?: boolean;
}

const money = async () => (await import('../../app/journal/money.js')).formatCents;

export async function journalJson(r: JournalOutcome): Promise<unknown> {
  const fmt = await money();
  const { doc } = r.plan;
  const debit = doc.lines.reduce((a, l) => a + l.debit, 0);
  const credit = doc.lines.reduce((a, l) => a + l.credit, 0);
  return {
    runId: r.runId, status: r.status, dryRun: r.runId === null, flow: r.flow, target: r.target, period: r.period, reference: doc.reference, date: doc.date, description: doc.description,
    journal: r.journal, message: r.message,
    lines: doc.lines.map((l, i) => ({ account: l.account, costCenter: l.dimensions.costCenter ?? null, description: l.description, debit: fmt(l.debit), credit: fmt(l.credit), people: r.plan.lines[i]?.people ?? null })),
    totals: { debit: fmt(debit), credit: fmt(credit), lines: doc.lines.length, people: r.plan.people },
    problems: r.problems.map((p) => ({ line: p.line === null ? null : p.line + 1, account: p.line === null ? null : (doc.lines[p.line]?.account ?? null), message: p.message })),
    auditId: r.auditId, notes: r.notes, requests: r.requests, durationMs: r.durationMs,
  };
}

async function journalLines(r: JournalOutcome): Promise<string[]> {
  const fmt = await money();
  const { doc } = r.plan;
  const total = doc.lines.reduce((a, l) => a + l.debit, 0);
  const rows = doc.lines.map((l) => [l.account || '?', l.dimensions.costCenter ?? '', l.description, l.debit ? fmt(l.debit) : '', l.credit ? fmt(l.credit) : '']);
  const req = Object.entries(r.requests).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return [
    `Journal "${doc.reference}" (flow ${r.flow}, period ${r.period}, dated ${doc.date}): ${doc.lines.length} lines, ${r.plan.people} people`,
    ...table(['ACCOUNT', 'COST CENTRE', 'DESCRIPTION', 'DEBIT', 'CREDIT'], [...rows, ['TOTAL', '', '', fmt(total), fmt(total)]], 40),
    ...r.problems.map((p) => `problem: ${p.line === null ? '' : `line ${p.line + 1} (${doc.lines[p.line]?.account || '?'}): `}${p.message}`),
    `mlc journal ${r.status}${r.runId ? '' : ' (dry run: nothing written)'}: ${r.message}; requests: ${req}; ${(r.durationMs / 1000).toFixed(1)} s${r.runId ? ` (run ${r.runId}${r.auditId ? `, operation ${r.auditId}` : ''})` : ''}`,
    ...r.notes.map((n) => `note: ${n}`),
  ];
}

export function journalCommand(): Command {
  return withCommon(new Command('journal').description("post a period's compensation cost as one GL journal (a journal flow), once"))
    .addOption(new Option('--period <month>', 'the month, YYYY-MM, or previous (the month before today)').makeOptionMandatory())
    .addOption(new Option('--flow <name>', 'the journal flow (needed when several are configured)'))
    .addOption(new Option('--dry-run', 'compute and check the journal against the ERP; create nothing'))
    .addOption(new Option('--replace', 'void an unposted (Work) journal of the period and create it again'))
    .addOption(new Option('--json', 'print one JSON object instead of text'))
    .action((opts: JournalFlags) =>
      runCommand(async (o) => {
        const { AppContext } = await import('../../app/context.js');
        const { runJournal, journalFailed } = await import('../../app/journal/run.js');
        const { stopOnSignals } = await import('../signals.js');
        const signals = stopOnSignals(o);
        const ctx = AppContext.create({ config: opts.config, logLevel: logLevelOf(opts), stop: signals.stop });
        try {
          const r = await runJournal(ctx, { period: opts.period, flow: opts.flow, dryRun: opts.dryRun ?? false, replace: opts.replace ?? false });
          if (opts.json) o.json(await journalJson(r));
          else for (const line of await journalLines(r)) o.out(line);
          return journalFailed(r.status) ? 1 : 0;
        } finally {
          signals.dispose();
          await ctx.close();
        }
      }),
    );
}
