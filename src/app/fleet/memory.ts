// What the fleet remembers between runs: which problem of which company the digest last
// reported, so a problem is reported once and its resolution once. A small JSON file in the
// fleet folder, owner-only (it names client companies), replaced atomically.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const MEMORY_FILE = '.mlc-fleet-state.json';

export const FleetMemory = z.object({
  version: z.literal(1),
  /** Company name → fingerprint of the problem last reported for it. */
  reported: z.record(z.string(), z.string()),
  reportedAt: z.string().nullable(),
});

export type FleetMemory = z.infer<typeof FleetMemory>;

const EMPTY: FleetMemory = { version: 1, reported: {}, reportedAt: null };

export function readMemory(dir: string): FleetMemory {
  const file = join(dir, MEMORY_FILE);
  if (!existsSync(file)) return EMPTY;
  try {
    const parsed = FleetMemory.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    // Unreadable memory costs one repeated message, never a failed run.
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

export function writeMemory(dir: string, memory: FleetMemory): void {
  const file = join(dir, MEMORY_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(memory, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
