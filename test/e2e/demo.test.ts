// The README's first command must work: `mlc demo` runs the whole story and exits 0.
import { describe, expect, it } from 'vitest';
import { runMlc } from '../helpers/cli.js';

describe('mlc demo', () => {
  it('runs a full sync, a month of changes, an incremental sync and replays, then cleans up', async () => {
    const res = await runMlc(['demo', '--size', '120'], { timeoutMs: 120_000 });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(/^1\. Simulators: BambooHR http:\/\/127\.0\.0\.1:\d+ \(120 employees\), netsuite http:\/\/127\.0\.0\.1:\d+; config /);
    expect(res.stdout).toMatch(/2\. mlc ping bamboohr: ok .*\n2\. mlc ping netsuite: ok /);
    expect(res.stdout).toMatch(/3\. First sync: mlc sync ok: 120 read, \d+ created/);
    expect(res.stdout).toMatch(/5\. Incremental sync: mlc sync partial: .* 1 created, \d+ updated, 1 deactivated, .* 1 parked, 1 failed;/);
    // The line a cron mail gets ends with the reasons and what to do about them.
    expect(res.stdout).toMatch(/5\. Incremental sync: .*\(run (\S+)\); 1 failed: .* → the next run retries it; 1 parked: no lookup for department "Quantum Research" → add it to departments\.csv, then mlc replay \1\n/);
    // The future-dated move is shown as scheduled for its date, not applied today.
    expect(res.stdout).toMatch(/\n   scheduled \d+ \([^)]+\): job: Legal \/ .* on \d{4}-\d{2}-\d{2}\n/);
    expect(res.stdout).toMatch(/6\. mlc replay \d+ \(the netsuite failure has cleared\): ok, 1 written/);
    expect(res.stdout).toMatch(/7\. Added "Quantum Research" to netsuite and to departments.csv; mlc replay \d+: ok, 1 created/);
    expect(res.stdout).toMatch(/Done: \d+ records in netsuite, 0 open records, matching BambooHR\. Simulators stopped, temporary files removed\.\n$/);
  });
});
