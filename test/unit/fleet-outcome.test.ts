// The fleet's exit code: the worst company's by a fixed precedence (src/app/fleet/outcome.ts),
// and how a child's end (exit code, signal, stderr) becomes a company's result.
import { describe, expect, it } from 'vitest';
import { errorReport } from '../../src/app/fleet/child.js';
import { attention, fleetExitCode, PRECEDENCE, statusOf, totals, type CompanyResult, type CompanyStatus } from '../../src/app/fleet/outcome.js';

function result(name: string, status: CompanyStatus, exitCode: number | null = null, counts: Record<string, number> | null = null): CompanyResult {
  return { name, file: `/f/${name}.yaml`, status, exitCode, signal: null, startedAt: null, endedAt: null, durationMs: null, counts: counts as CompanyResult['counts'], summary: null, error: null };
}

describe('fleet outcome', () => {
  it("maps each child's end to a status", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 70, 129, 130, 143, 42].map((c) => statusOf(c, null))).toEqual(['ok', 'partial', 'config', 'unreachable', 'auth', 'locked', 'guard', 'internal', 'stopped', 'stopped', 'stopped', 'internal']);
    expect(statusOf(null, 'SIGKILL')).toBe('crashed');
    expect(statusOf(null, 'SIGABRT')).toBe('crashed');
  });

  it('takes the worst exit code by the documented precedence', () => {
    expect(PRECEDENCE).toEqual(['crashed', 'internal', 'auth', 'guard', 'config', 'unreachable', 'stopped', 'locked', 'partial', 'ok']);
    const code = (...rs: CompanyResult[]) => fleetExitCode(rs, undefined);
    expect(code(result('a', 'ok', 0), result('b', 'partial', 1), result('c', 'auth', 4))).toBe(4); // auth refused beats partial
    expect(code(result('a', 'partial', 1), result('b', 'locked', 5))).toBe(5);
    expect(code(result('a', 'unreachable', 3), result('b', 'config', 2))).toBe(2);
    expect(code(result('a', 'config', 2), result('b', 'guard', 6))).toBe(6);
    expect(code(result('a', 'guard', 6), result('b', 'auth', 4))).toBe(4);
    expect(code(result('a', 'auth', 4), result('b', 'crashed', 137))).toBe(70); // a crash counts as internal
    expect(code(result('a', 'stopped', 130), result('b', 'locked', 5))).toBe(130);
    expect(code(result('a', 'ok', 0), result('b', 'not started'))).toBe(0);
    expect(code()).toBe(0);
    // The fleet stopped by a signal exits 128 + n whatever the companies did.
    expect(fleetExitCode([result('a', 'auth', 4)], 143)).toBe(143);
  });

  it('names who needs attention, worst first, and totals the counts', () => {
    const rs = [result('ok1', 'ok', 0, { read: 3, created: 2 }), result('zed', 'partial', 1, { read: 5, parked: 1 }), result('abe', 'partial', 1), result('bad', 'auth', 4), result('later', 'not started')];
    expect(attention(rs).map((r) => r.name)).toEqual(['bad', 'abe', 'zed']);
    expect(totals(rs)).toEqual({ companies: 5, byStatus: { ok: 1, partial: 2, auth: 1, 'not started': 1 }, counts: { read: 8, created: 2, parked: 1 } });
  });

  it("keeps the child's error report with its hint, or says how the child ended", () => {
    const stderr = 'some warning\nmlc: error: secret bamboohr.api_key is not set\n  hint: run `mlc auth set`\nnext\n';
    expect(errorReport(stderr, 4, null)).toBe('secret bamboohr.api_key is not set\nhint: run `mlc auth set`');
    expect(errorReport('mlc: error: 2 problems in the configuration\n  a.yaml:3:1 x: bad\n  a.yaml:4:1 y: bad\n', 2, null)).toBe('2 problems in the configuration\na.yaml:3:1 x: bad\na.yaml:4:1 y: bad');
    expect(errorReport('mlc: internal error: boom\n', 70, null)).toBe('mlc: internal error: boom');
    expect(errorReport('', null, 'SIGKILL')).toBe('killed by SIGKILL (no tidy stop: the next run takes the lock over and resumes)');
    expect(errorReport('', 9, null)).toBe('exited with code 9 and no error report');
    expect(errorReport('warn only\n', 0, null)).toBeNull();
  });
});
