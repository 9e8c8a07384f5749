// Schema pieces shared by the main config and each adapter's target block.
import { z } from 'zod';
import { formatDuration, parseDuration } from '../domain/duration.js';
import { defaultRetryPolicy, type RetryPolicy } from '../http/retry.js';

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A bare number (`busyTimeout: 10000`) has no unit: say so, and what it would be in ms. */
function durationTypeError(issue: { input?: unknown }): string | undefined {
  if (typeof issue.input === 'number') {
    return `expected a duration such as 10s, got the number ${issue.input}: a duration needs its unit (${issue.input}ms is ${formatDuration(issue.input)})`;
  }
  return issue.input === undefined ? undefined : 'expected a duration such as 10s, 500ms or 26h';
}

export const Duration = z
  .string({ error: durationTypeError })
  .regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, 'expected a duration such as 500ms, 30s, 10m, 26h or 7d')
  .meta({ examples: ['30s', '10m', '26h'] });

export const Retry = z
  .strictObject({
    maxAttempts: z.int().min(1).max(20).default(6).describe('Attempts per request, the first included.'),
    maxDelay: Duration.default('2m').describe('Longest single wait; a longer Retry-After stops the retries.'),
    budget: Duration.default('5m').describe('Longest total time spent on one request, waits included.'),
  })
  .describe('Retries on 429/503 (honouring Retry-After) and on connection resets.');

export type RetryWritten = z.infer<typeof Retry>;

export const ms = (d: string): number => parseDuration(d) ?? 0;

export function retryPolicy(r: RetryWritten): RetryPolicy {
  return { ...defaultRetryPolicy, maxAttempts: r.maxAttempts, maxDelayMs: ms(r.maxDelay), budgetMs: ms(r.budget) };
}

/** Names of targets and flows: they become parts of environment variable names. */
export const Name = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'use lowercase letters, digits, _ and - (the name becomes part of MLC_<NAME>_<SECRET>)');
