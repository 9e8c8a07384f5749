// `mlc demo [--erp name]`: the README's first command. Starts the simulators, writes a
// temporary configuration, runs a full sync, makes the changes a real month brings (a hire, a
// transfer, a termination, a future-dated transfer, an unmapped department, one ERP failure),
// runs an incremental sync, fixes the causes and replays, and prints what happened at each
// step. Everything lives in a temporary folder that is removed at the end, except the
// `mlc report` page of the story, written beside it in the system's temp folder (so the demo
// still leaves the current folder alone) and printed, to be opened after the simulators stop.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReportHtml } from '../report/html/index.js';
import { AppContext } from './context.js';
import { ping } from './ping.js';
import { buildReport } from './report/index.js';
import { replay } from './replay.js';
import { startSandbox, type Sandbox } from './sandbox.js';
import { runSync, type SyncOutcome } from './sync/engine.js';
import { redactor } from '../domain/redact-payload.js';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The month's changes, made in the simulated BambooHR; returns who was touched. */
function monthOfChanges(sb: Sandbox) {
  const c = sb.bamboo.company;
  const today = sb.bamboo.clock.today();
  // Settled people: active, with nothing already scheduled that would blur the story.
  const active = c.list().filter((e) => c.view(e).d.status === 'Active' && ![...e.jobInfo, ...e.employmentStatus].some((r) => r.date > today));
  // The future move must be a move: someone not in Legal already (else nothing would change then).
  const later = active.slice(40).find((e) => c.view(e).d.job?.department !== 'Legal')!;
  const [mover, leaver] = [active[20]!, active[30]!];
  const hire = c.hire({ firstName: 'Imani', lastName: 'Okafor', department: 'Sales', division: 'North America', location: 'Denver, Colorado', jobTitle: 'Account Executive' });
  c.addJobInfo(mover.id, { date: today, department: 'Finance' });
  c.terminate(leaver.id, today);
  c.addJobInfo(later.id, { date: addDays(today, 14), department: 'Legal' });
  const unmapped = c.hire({ firstName: 'Tomás', lastName: 'Quinn', department: 'Quantum Research', division: 'EMEA', location: 'Dublin, Ireland', jobTitle: 'Research Scientist' });
  // One ERP failure: the next write is answered with a server error.
  sb.erp.inject('fail-next-write');
  return { hire, mover: mover.id, leaver: leaver.id, later: later.id, unmapped, today };
}

export interface DemoOptions {
  size?: number;
  /** Registry name of the ERP simulator (default netsuite). */
  erp?: string | undefined;
  /** The CLI's one-line summary of a sync (cli/format/summary.ts): the demo prints what a user would see. */
  summaryLine: (o: SyncOutcome) => string;
}

export async function runDemo(print: (line: string) => void, opts: DemoOptions): Promise<void> {
  const summaryLine = opts.summaryLine;
  const size = opts.size ?? 300;
  const dir = mkdtempSync(join(tmpdir(), 'mlc-demo-'));
  const sb = await startSandbox({ seed: 7, size, erp: opts.erp });
  const contexts: AppContext[] = [];
  const name = sb.erp.erp;
  try {
    const configFile = join(dir, 'mlc.yaml');
    for (const [file, text] of Object.entries(sb.erp.files())) writeFileSync(join(dir, file), text);
    writeFileSync(configFile, sb.configYaml({ statePath: './mlc.db', lookupFiles: true }));
    const env = { ...process.env, ...sb.env(), MLC_LOG_LEVEL: 'silent', MLC_NOW: '' };
    const context = () => {
      const ctx = AppContext.create({ config: configFile, env });
      contexts.push(ctx);
      return ctx;
    };
    print(`1. Simulators: BambooHR ${sb.bamboo.url} (${size} employees), ${name} ${sb.erp.url}; config ${configFile}`);
    for (const r of await ping(context())) print(`2. mlc ping ${r.system}: ${r.ok ? 'ok' : 'FAILED'} in ${r.latencyMs} ms (${Object.entries(r.credentials).map(([k, v]) => `${k} from ${v}`).join(', ')}) ${r.detail ?? r.error?.message ?? ''}`);

    const first = await runSync(context(), { dryRun: false, full: false });
    print(`3. First sync: ${summaryLine(first)}`);
    print(`   ${name} now holds ${sb.erp.written().length} records written by mlc (terminated people are never created).`);

    const ch = monthOfChanges(sb);
    print(`4. In BambooHR: hired ${ch.hire} (Sales) and ${ch.unmapped} (department "Quantum Research", not in any lookup), moved ${ch.mover} to Finance today,`);
    print(`   terminated ${ch.leaver} today, moved ${ch.later} to Legal from ${addDays(ch.today, 14)}; ${name} will fail the next write.`);

    const second = await runSync(context(), { dryRun: false, full: false });
    print(`5. Incremental sync: ${summaryLine(second)}`);
    const redact = redactor(context().config.audit.redact);
    for (const i of second.items.filter((x) => ['parked', 'failed'].includes(x.status) || (x.status === 'scheduled' && x.employeeId === String(ch.later)))) print(`   ${i.status} ${i.employeeId} (${i.label}): ${redact.text(i.reason ?? '')}`);

    const open = context().openState().audit.list({ status: 'open' });
    const failed = open.find((r) => r.status === 'failed');
    if (failed) {
      const r = await replay(context(), String(failed.id), { asRecorded: false });
      print(`6. mlc replay ${failed.id} (the ${name} failure has cleared): ${r.summary.status}, ${r.summary.counts.created + r.summary.counts.updated + r.summary.counts.deactivated} written`);
    }
    // The unmapped department parks the new hire (a person record) or the value itself (an ERP
    // that keeps org values in step, such as Sage 100's segments).
    const parked = open.find((r) => r.status === 'parked' && (r.employeeId === String(ch.unmapped) || (r.errorCode === 'unmapped' && (r.reason ?? '').includes('"Quantum Research"'))));
    if (parked) {
      const { lookupLine } = sb.erp.addDepartment('Quantum Research');
      appendFileSync(join(dir, 'departments.csv'), `${lookupLine}\n`);
      const r = await replay(context(), String(parked.id), { asRecorded: false });
      print(`7. Added "Quantum Research" to ${name} and to departments.csv; mlc replay ${parked.id}: ${r.summary.status}, ${r.summary.counts.created} created`);
    }
    const third = await runSync(context(), { dryRun: false, full: false });
    print(`8. Next sync: ${summaryLine(third)}`);
    const report = join(tmpdir(), `mlc-demo-report-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}.html`);
    const model = buildReport(context(), { sinceMs: 86_400_000, sinceText: '1d', maxAgeMs: 93_600_000, maxAgeText: '26h' });
    writeFileSync(report, renderReportHtml(model), { mode: 0o600 });
    print(`9. mlc report: ${report} (open it in a browser: health, runs, what waits, what happens next, mapping coverage)`);
    const stillOpen = context().openState().audit.list({ status: 'open' }).length;
    const diff = sb.erp.mismatches(sb.bamboo.company);
    print(`Done: ${sb.erp.written().length} records in ${name}, ${stillOpen} open records, ${diff.length === 0 ? 'matching BambooHR' : `${diff.length} differences from BambooHR`}. Simulators stopped, temporary files removed.`);
  } finally {
    for (const c of contexts) await c.close();
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
