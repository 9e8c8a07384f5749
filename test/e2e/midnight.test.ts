// Issue 8 §7: midnight. "Today" is the company's date, decided once per run: a run that
// crosses the company's midnight plans as of the day it began and the next run sweeps the new
// day; a due date takes effect at the company's midnight, east of UTC (before UTC's) and west
// of it (after). Through the built CLI, with MLC_NOW and the simulated BambooHR's clock moved
// together, forward only.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/app/sync/summary.js';
import { State } from '../../src/store/state.js';
import { useSandboxes, type TestSandbox } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const sandbox = useSandboxes(tmp, { size: 15, seed: 19 });
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The UTC instant of `hh:mm` on `date` in `tz` (whatever its offset that day). */
function at(date: string, hhmm: string, tz: string): string {
  const wanted = `${date} ${hhmm}`;
  for (let h = -14; h <= 14; h++) {
    const iso = new Date(Date.parse(`${date}T${hhmm}:00Z`) - h * 3_600_000).toISOString().replace('.000', '');
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
    if (local === wanted) return iso;
  }
  throw new Error(`no ${wanted} in ${tz}`);
}
const ns = (t: TestSandbox, id: number) => t.sb.netsuite.records.employeeByExternalId(`bhr-${id}`)!;

async function syncAt(t: TestSandbox, instant: string): Promise<RunSummary> {
  t.sb.bamboo.clock.set(instant);
  const { res, out } = await t.json<RunSummary>(['sync'], { MLC_NOW: instant });
  expect(res.code, res.stderr).toBe(0);
  return out;
}

/** An active employee with nothing scheduled, moved to Legal on `date`. */
function transferOn(t: TestSandbox, date: string): number {
  const c = t.sb.bamboo.company;
  const today = t.sb.bamboo.clock.today();
  const e = c.list().find((x) => c.view(x).d.status === 'Active' && c.view(x).d.job?.department !== 'Legal' && !x.jobInfo.some((r) => r.date > today))!;
  c.addJobInfo(e.id, { date, department: 'Legal' });
  return e.id;
}

function inTimeZone(t: TestSandbox, tz: string): void {
  writeFileSync(t.config, readFileSync(t.config, 'utf8').replace('timezone: America/Denver', `timezone: ${tz}`));
}

describe('midnight', () => {
  it('a run that crosses the company\'s midnight plans as of the day it began; the next run applies the new day', async () => {
    const t = await sandbox({ latencyMs: 250 });
    const today = t.sb.bamboo.clock.today();
    expect((await syncAt(t, `${today}T19:00:00Z`)).status).toBe('ok');
    const tomorrow = addDays(today, 1);
    const id = transferOn(t, tomorrow);
    // One second before midnight in Denver: the run ends after it.
    const late = await syncAt(t, new Date(Date.parse(at(tomorrow, '00:00', 'America/Denver')) - 1000).toISOString());
    expect(late.asOf).toBe(today);
    expect(late.durationMs).toBeGreaterThan(1000);
    expect(ns(t, id).department).not.toBe('110');
    const s = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
    expect(s.cursors.get('employees')?.sweptThrough).toBe(today);
    s.close();
    const next = await syncAt(t, at(tomorrow, '00:05', 'America/Denver'));
    expect(next.asOf).toBe(tomorrow);
    expect(ns(t, id).department).toBe('110');
  });

  it('east of UTC (Asia/Tokyo): a change dated D applies at Tokyo\'s midnight, while it is still D−1 in UTC', async () => {
    const t = await sandbox();
    inTimeZone(t, 'Asia/Tokyo');
    const today = t.sb.bamboo.clock.today();
    await syncAt(t, `${today}T19:30:00Z`); // already tomorrow in Tokyo
    const d = addDays(today, 3);
    const id = transferOn(t, d);
    expect((await syncAt(t, at(addDays(d, -1), '23:30', 'Asia/Tokyo'))).asOf).toBe(addDays(d, -1));
    expect(ns(t, id).department).not.toBe('110');
    const after = at(d, '00:30', 'Asia/Tokyo');
    expect(after.slice(0, 10)).toBe(addDays(d, -1)); // still D−1 in UTC
    expect((await syncAt(t, after)).asOf).toBe(d);
    expect(ns(t, id).department).toBe('110');
  });

  it('west of UTC (America/Los_Angeles): a change dated D waits until Los Angeles\' midnight, hours into D in UTC', async () => {
    const t = await sandbox();
    inTimeZone(t, 'America/Los_Angeles');
    const today = t.sb.bamboo.clock.today();
    await syncAt(t, `${today}T19:30:00Z`);
    const d = addDays(today, 3);
    const id = transferOn(t, d);
    const before = at(addDays(d, -1), '23:30', 'America/Los_Angeles');
    expect(before.slice(0, 10)).toBe(d); // already D in UTC
    expect((await syncAt(t, before)).asOf).toBe(addDays(d, -1));
    expect(ns(t, id).department).not.toBe('110');
    expect((await syncAt(t, at(d, '00:30', 'America/Los_Angeles'))).asOf).toBe(d);
    expect(ns(t, id).department).toBe('110');
  });
});
