import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync, chmodSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatedRow } from '../../src/domain/dated.js';
import { MlcError } from '../../src/domain/errors.js';
import { migrations, LATEST_VERSION } from '../../src/store/migrations.js';
import { State } from '../../src/store/state.js';
import { useTempDir } from '../helpers/tmp.js';

const tmp = useTempDir();
const open = (path: string) => State.open(path, { busyTimeoutMs: 2000 });

describe('state database', () => {
  it('is created owner-only (0600), in WAL mode, with foreign keys on', () => {
    const path = join(tmp(), 'sub', 'mlc.db');
    const s = open(path);
    s.runs.start({ id: 'r1', command: 'sync', startedAt: '2026-11-23T00:00:00Z', asOf: '2026-11-23', dryRun: false });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.db.pragma('busy_timeout', { simple: true })).toBe(2000);
    expect(() => s.cursors.set('f', '2026-01-01T00:00:00Z', null, 'no-such-run', 'now')).toThrow(/FOREIGN KEY/);
    s.close();
  });

  it('tightens an existing file that others can read', () => {
    const path = join(tmp(), 'mlc.db');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    open(path).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('migrates an old database forward and keeps its data', () => {
    const path = join(tmp(), 'old.db');
    const old = new Database(path);
    old.exec(migrations[0]!.sql);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO runs (id, command, started_at, status, as_of) VALUES ('r0', 'sync', '2026-01-01T00:00:00Z', 'ok', '2026-01-01')").run();
    old.close();
    const s = open(path);
    expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(s.runs.get('r0')?.status).toBe('ok');
    const tables = s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['inbox', 'webhook_deliveries', 'runs', 'audit', 'lease']));
    s.close();
  });

  it('refuses a database written by a newer mlc, and a file that is not a database', () => {
    const dir = tmp();
    const newer = join(dir, 'newer.db');
    const db = new Database(newer);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => open(newer)).toThrow(/written by a newer mlc/);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite at all, just text that is long enough to look like a header'.repeat(20));
    chmodSync(junk, 0o600);
    const err = (() => { try { open(junk); } catch (e) { return e; } })() as MlcError;
    expect(err.code).toBe('state_error');
    expect(err.message).toMatch(/damaged or not a SQLite file/);
  });

  it('replaces dated rows as a set and keeps first sight of unchanged rows', () => {
    const s = open(join(tmp(), 'rows.db'));
    const row = (date: string, dept: string): DatedRow => ({ table: 'jobInfo', date, seq: 0, data: { department: dept } });
    s.transaction(() => s.rows.replaceRows('7', 'jobInfo', [row('2020-01-01', 'Sales'), row('2026-12-01', 'Finance')], '2026-11-01T00:00:00Z'));
    s.transaction(() => s.rows.replaceRows('7', 'jobInfo', [row('2020-01-01', 'Sales'), row('2026-11-10', 'Legal')], '2026-11-23T00:00:00Z'));
    const rows = s.rows.rows('7');
    expect(rows.map((r) => [r.date, r.data.department, r.firstSeenAt])).toEqual([
      ['2020-01-01', 'Sales', '2026-11-01T00:00:00Z'],
      ['2026-11-10', 'Legal', '2026-11-23T00:00:00Z'],
    ]);
    expect(s.rows.dueBetween('2026-11-09', '2026-11-10')).toEqual(['7']);
    expect(s.rows.dueBetween('2026-11-30', '2026-12-31')).toEqual([]); // the cancelled transfer is gone
    s.close();
  });

  it('knows a row again by its date and data, whatever the order of its columns, also when an older version stored it', () => {
    const s = open(join(tmp(), 'seen.db'));
    const pay = (date: string, data: Record<string, string | null>): DatedRow => ({ table: 'compensation', date, seq: 0, data });
    s.transaction(() => s.rows.replaceRows('7', 'compensation', [pay('2024-01-01', { rate: '10', type: 'Salary' }), pay('2025-01-01', { rate: '11', type: 'Salary' })], '2026-11-01T00:00:00Z'));
    // Rows stored by an earlier version carry a row hash; they are recognised all the same.
    s.db.prepare("UPDATE dated_rows SET row_hash = 'f00d' WHERE employee_id = '7'").run();
    const again = [pay('2024-01-01', { type: 'Salary', rate: '10' }), pay('2025-02-01', { type: 'Salary', rate: '11' })];
    s.transaction(() => s.rows.replaceRows('7', 'compensation', again, '2026-11-23T00:00:00Z'));
    // Same date and data in another order: first sight kept. Same data on another date: new.
    expect(again.map((r) => r.firstSeenAt)).toEqual(['2026-11-01T00:00:00Z', '2026-11-23T00:00:00Z']);
    expect(s.rows.rows('7').map((r) => [r.date, r.firstSeenAt])).toEqual([['2024-01-01', '2026-11-01T00:00:00Z'], ['2025-02-01', '2026-11-23T00:00:00Z']]);
    s.close();
  });
});

describe('lease lock', () => {
  it('lets one run in, refuses a second with lock_held, and frees on release', () => {
    const path = join(tmp(), 'lock.db');
    const a = open(path);
    const b = open(path);
    const lease = a.lock.acquire({ command: 'sync', staleAfterMs: 60_000 });
    const err = (() => { try { b.lock.acquire({ command: 'sync', staleAfterMs: 60_000 }); } catch (e) { return e; } })() as MlcError;
    expect(err.code).toBe('lock_held');
    expect(err.message).toMatch(new RegExp(`pid ${process.pid} on .* \\(sync\\)`));
    lease.release();
    b.lock.acquire({ command: 'sync', staleAfterMs: 60_000 }).release();
    a.close();
    b.close();
  });

  it('takes over a lock whose process is gone, and one whose heartbeat is stale', () => {
    const path = join(tmp(), 'stale.db');
    const s = open(path);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // exited: its pid is free
    s.db.prepare("INSERT INTO lease VALUES ('sync', 'x', ?, ?, 'sync', '2026-01-01T00:00:00Z', ?)").run(dead, hostname(), new Date().toISOString());
    s.lock.acquire({ command: 'sync', staleAfterMs: 60_000 }).release();
    s.db.prepare("INSERT INTO lease VALUES ('sync', 'y', 1, 'other-host', 'sync', '2026-01-01T00:00:00Z', ?)").run(new Date(Date.now() - 120_000).toISOString());
    const lease = s.lock.acquire({ command: 'sync', staleAfterMs: 60_000 });
    expect(s.lock.holder()?.pid).toBe(process.pid);
    lease.release();
    expect(s.lock.holder()).toBeUndefined();
    s.close();
  });
});
