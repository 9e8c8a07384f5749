// The pure parts of a graceful stop: the error a stopped run ends with, its exit code per
// signal (128 + number, as a shell reports it), and the waits a stop cuts short.
import { describe, expect, it } from 'vitest';
import { exitCodeFor, exitCodeTable } from '../../src/cli/exit-codes.js';
import { MlcError } from '../../src/domain/errors.js';
import { interruptedError, sleepUnlessStopped, unlessStopped } from '../../src/domain/stop.js';

const stopped = (reason: string) => {
  const c = new AbortController();
  c.abort(reason);
  return c.signal;
};

describe('graceful stop', () => {
  it('maps each signal to 128 + its number, and lists them in the exit-code table', () => {
    expect(exitCodeFor(interruptedError(stopped('SIGTERM')))).toBe(143);
    expect(exitCodeFor(interruptedError(stopped('SIGINT')))).toBe(130);
    expect(exitCodeFor(interruptedError(stopped('SIGHUP')))).toBe(129);
    expect(exitCodeFor(new MlcError('interrupted', 'no signal named'))).toBe(143);
    expect(exitCodeTable.map(([c]) => c)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 70, 129, 130, 143]);
  });

  it('names the signal and is retryable', () => {
    const e = interruptedError(stopped('SIGINT'));
    expect(e).toMatchObject({ code: 'interrupted', retryable: true, details: { signal: 'SIGINT' } });
    expect(e.message).toBe('stopped by SIGINT: the writes in flight were finished and recorded; the next run picks up the rest');
  });

  it('cuts a wait short when the stop comes, and lets it run out otherwise', async () => {
    const c = new AbortController();
    const long = sleepUnlessStopped(60_000, c.signal);
    setTimeout(() => c.abort('SIGTERM'), 30);
    expect(await long).toBe(false); // (the test's own 30 s timeout would fail a 60 s wait)
    expect(await sleepUnlessStopped(5, new AbortController().signal)).toBe(true);
  });

  it('abandons work in progress when the stop comes, and passes its result or error through otherwise', async () => {
    const c = new AbortController();
    const never = new Promise<string>(() => undefined);
    const raced = unlessStopped(never, c.signal);
    c.abort('SIGHUP');
    await expect(raced).rejects.toMatchObject({ code: 'interrupted', details: { signal: 'SIGHUP' } });
    const live = new AbortController().signal;
    await expect(unlessStopped(Promise.resolve('answer'), live)).resolves.toBe('answer');
    await expect(unlessStopped(Promise.reject(new Error('boom')), live)).rejects.toThrow('boom');
    await expect(unlessStopped(Promise.resolve('late'), stopped('SIGTERM'))).rejects.toMatchObject({ code: 'interrupted' });
  });
});
