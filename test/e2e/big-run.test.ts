// A run big enough to be planned and applied in chunks (issue 9 §3: bounded memory): the
// change set is stored page by page, employees are planned managers first, 2,000 at a time.
// Same outcome as a small run: every record once, supervisor links made at once, nothing owed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHUNK } from '../../src/app/sync/execute.js';
import { State } from '../../src/store/state.js';
import { useSandboxes } from '../helpers/sandbox.js';
import { useTempDir } from '../helpers/tmp.js';
import { expectErpMatchesBamboo } from '../helpers/truth.js';

const tmp = useTempDir();
const sandbox = useSandboxes(tmp);

describe('a run in chunks', () => {
  it(`${CHUNK + 700} people: written once each, managers' links at once, nothing owed, the cursor committed last`, { timeout: 240_000 }, async () => {
    const t = await sandbox({ size: CHUNK + 700, seed: 3 });
    const res = await t.json<{ counts: { created: number }; requests: Record<string, number> }>(['sync']);
    expect(res.res.code, res.res.stderr).toBe(0);
    const puts = t.sb.netsuite.requests.filter((r) => r.method === 'PUT').length;
    expect(puts).toBe(res.out.counts.created);
    const { active, records } = expectErpMatchesBamboo(t);
    expect(records).toBe(active);
    const s = State.open(join(t.dir, 'mlc.db'), { busyTimeoutMs: 5000, readonly: true });
    expect(s.owed.all('employees')).toEqual([]);
    expect(s.cursors.get('employees')?.runId).toBe(s.runs.recent(1)[0]!.id);
    s.close();
    // And a no-op afterwards writes nothing.
    t.sb.netsuite.requests.length = 0;
    const again = await t.json<{ counts: { unchanged: number } }>(['sync', '--full']);
    expect(again.res.code).toBe(0);
    expect(t.sb.netsuite.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });
});
