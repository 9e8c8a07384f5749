// The simulator's business clock. It moves with real time from its start point ("moves with
// its own clock") and can be set or advanced, so tests can cross effective dates of
// future-dated rows. OAuth expiry and retry delays deliberately use the real clock instead.
import { dateInZone, parseTimestamp } from './dates.js';

export interface SimClock {
  now(): Date;
  set(iso: string): void;
  advance(ms: number): void;
  /** YYYY-MM-DD in the company time zone. */
  today(): string;
}

export class Clock implements SimClock {
  private offsetMs: number;
  private readonly listeners: Array<() => void> = [];

  constructor(
    start: Date,
    readonly timeZone: string,
  ) {
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(iso: string): void {
    const at = parseTimestamp(iso) ?? (Number.isNaN(Date.parse(iso)) ? undefined : new Date(iso));
    if (!at) throw new RangeError(`not an ISO timestamp: ${iso}`);
    this.offsetMs = at.getTime() - Date.now();
    this.changed();
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError('advance() needs a finite number of milliseconds');
    this.offsetMs += ms;
    this.changed();
  }

  today(): string {
    return dateInZone(this.now(), this.timeZone);
  }

  /** Called after set()/advance(); the company uses it to fire effective-date events. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
