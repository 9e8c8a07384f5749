// Reference data kept between runs (the engine's AdapterMemory: the state database): GP
// vendors or employees, GL accounts, cost centres and fiscal periods, with the newest
// ModifiedDate seen. A run asks GP only for what changed since then (`ModifiedDate ge …`:
// `ge`, not `gt`, because two changes may share a stamp; the legacy GP criteria want a date
// and a time, UTC, erps.md §8 B.3), and reads the whole table now and then (`fullRead`), as
// records deleted in GP never show in a ModifiedDate poll. Each table is read once per session.
import { z } from 'zod';
import type { AdapterMemory } from '../types.js';
import type { GpClient } from './client.js';
import type { GpResource } from './config.js';

export interface TableSpec<T> {
  resource: GpResource;
  schema: z.ZodType<T>;
  key(row: T): string;
  modified(row: T): string;
}

const Stored = z.object({ v: z.literal(1), scope: z.string(), watermark: z.string().nullable(), fullAt: z.string(), rows: z.array(z.unknown()) });

export class CachedTable<T> {
  private loading: Promise<Map<string, T>> | undefined;
  private readonly written = new Set<string>();
  /** Rows read from GP by the last load (all of them on a full read). */
  lastRead = 0;

  constructor(
    private readonly client: GpClient,
    private readonly spec: TableSpec<T>,
    private readonly memory: AdapterMemory | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** The table, keyed case-insensitively (GP's SQL collation), read once per session. */
  rows(): Promise<Map<string, T>> {
    this.loading ??= this.load();
    this.loading.catch(() => (this.loading = undefined));
    return this.loading;
  }

  /** Whether GP has the key (as of the last read, or written by this session since). */
  async has(key: string): Promise<boolean> {
    return this.written.has(key.toUpperCase()) || (await this.rows()).has(key.toUpperCase());
  }

  /** A record this session created (the next poll brings GP's own copy of it). */
  created(key: string): void {
    this.written.add(key.toUpperCase());
  }

  private get memoryKey(): string {
    const s = this.client.s;
    return `cache.${this.spec.resource}:${s.tenant}/${s.company}/${s.paths[this.spec.resource]}`;
  }

  private stored(): { watermark: string | null; fullAt: string; rows: T[] } | undefined {
    const text = this.memory?.get(this.memoryKey);
    if (!text) return undefined;
    try {
      const doc = Stored.parse(JSON.parse(text));
      const rows = z.array(this.spec.schema).safeParse(doc.rows);
      if (!rows.success) return undefined;
      if (this.now() - Date.parse(doc.fullAt) >= this.client.s.fullReadMs) return undefined;
      return { watermark: doc.watermark, fullAt: doc.fullAt, rows: rows.data };
    } catch {
      return undefined; // unreadable: read everything again
    }
  }

  private async load(): Promise<Map<string, T>> {
    const before = this.stored();
    const filter = before?.watermark ? this.client.s.modifiedFilter.replace('{since}', before.watermark) : undefined;
    const read = await this.client.list(this.spec.resource, this.spec.schema, filter);
    this.lastRead = read.length;
    const map = new Map<string, T>();
    for (const r of [...(before?.rows ?? []), ...read]) map.set(this.spec.key(r).toUpperCase(), r);
    let watermark = before?.watermark ?? null;
    for (const r of map.values()) {
      const m = this.spec.modified(r);
      if (m && (watermark === null || Date.parse(m) > Date.parse(watermark))) watermark = m;
    }
    const fullAt = before?.fullAt ?? new Date(this.now()).toISOString();
    this.memory?.put(this.memoryKey, JSON.stringify({ v: 1, scope: this.memoryKey, watermark, fullAt, rows: [...map.values()] }));
    return map;
  }
}
