// `mlc report [--out FILE] [--since 30d] [--flow NAME] [--max-age 26h] [--open] [--json]`: one
// self-contained HTML page of the sync's state, from the state database alone.
import { Command, Option } from 'commander';
import { withCommon } from '../common.js';
import { logLevelOf, runCommand, type CommonOptions } from '../run.js';

interface ReportFlags extends CommonOptions {
  out?: string;
  since: string;
  flow?: string;
  maxAge: string;
  open?: boolean;
  json?: boolean;
}

/** A word the shell passes through unchanged, quoted only when it needs to be. */
function shellWord(s: string): string {
  return /^[\w./:@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Opens the page with the desktop's default browser; resolves with an error message or null. */
async function openInBrowser(file: string): Promise<string | null> {
  const { spawn } = await import('node:child_process');
  const [cmd, args] = process.platform === 'darwin' ? ['open', [file]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', file]] : ['xdg-open', [file]];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.once('error', (err) => resolve(`${cmd}: ${err.message}`));
    child.once('spawn', () => {
      child.unref();
      resolve(null);
    });
  });
}

export function reportCommand(): Command {
  return withCommon(new Command('report').description('write one self-contained HTML page: health, runs, what waits for a person, what happens next, mapping coverage'))
    .addOption(new Option('--out <file>', 'where to write the page (default: ./mlc-report.html; with --json only when given)'))
    .addOption(new Option('--since <duration>', 'show the runs started within this long (e.g. 7d)').default('30d'))
    .addOption(new Option('--flow <name>', 'only this flow'))
    .addOption(new Option('--max-age <duration>', 'a flow is stale when its last good run is older than this').default('26h'))
    .addOption(new Option('--open', 'open the page in the default browser'))
    .addOption(new Option('--json', 'print the same data as JSON'))
    .action((f: ReportFlags) =>
      runCommand(async (o) => {
        const { resolve } = await import('node:path');
        const { renameSync, writeFileSync } = await import('node:fs');
        const { AppContext } = await import('../../app/context.js');
        const { buildReport } = await import('../../app/report/index.js');
        const { parseDuration } = await import('../../domain/duration.js');
        const { MlcError } = await import('../../domain/errors.js');
        const sinceMs = parseDuration(f.since);
        const maxAgeMs = parseDuration(f.maxAge);
        if (sinceMs === undefined) throw new MlcError('usage', `--since: expected a duration such as 30d, got "${f.since}"`);
        if (maxAgeMs === undefined) throw new MlcError('usage', `--max-age: expected a duration such as 26h, got "${f.maxAge}"`);
        const ctx = AppContext.create({ config: f.config, logLevel: logLevelOf(f) });
        try {
          // The replay commands on the page name this configuration unless it is the default one.
          const file = ctx.config.file;
          const replayArgs = file === resolve('mlc.yaml') ? '' : ` --config ${shellWord(file)}`;
          const model = buildReport(ctx, { sinceMs, sinceText: f.since, maxAgeMs, maxAgeText: f.maxAge, flow: f.flow, replayArgs });
          if (f.json) o.json(model);
          if (f.json && f.out === undefined) return 0;
          const { renderReportHtml } = await import('../../report/html/index.js');
          const html = renderReportHtml(model);
          const out = resolve(f.out ?? 'mlc-report.html');
          // Written whole, then renamed: a cron job mailing the file never sends half a page.
          // Owner-only, like the state database: the page names people.
          const tmp = `${out}.${process.pid}.tmp`;
          writeFileSync(tmp, html, { mode: 0o600 });
          renameSync(tmp, out);
          const waiting = model.flows.reduce((s, x) => s + x.open.parked + x.open.failed, 0);
          const next = model.flows.reduce((s, x) => s + x.upcoming.length, 0);
          const line = `mlc report: wrote ${out} (${Math.ceil(Buffer.byteLength(html) / 1024)} KB): ${model.flows.length} flow(s), ${model.runs.length} run(s) since ${f.since}, ${waiting} waiting, ${next} scheduled`;
          if (f.json) o.err(line);
          else o.out(line);
          if (f.open) {
            const problem = await openInBrowser(out);
            if (problem) o.err(`mlc: could not open a browser (${problem}); open ${out} yourself`);
          }
          return 0;
        } finally {
          await ctx.close();
        }
      }),
    );
}
