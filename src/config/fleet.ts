// fleet.yaml: the optional settings file of a fleet folder (`mlc fleet`). Every other *.yaml
// in the folder is one company's ordinary mlc configuration; this one is not a company. The
// command line overrides what it says.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError, MlcError } from '../domain/errors.js';
import { Duration, ms } from './common.js';
import { dottedPath, locate } from './locate.js';

export const FLEET_FILES = ['fleet.yaml', 'fleet.yml'];

export const FleetFile = z
  .strictObject({
    concurrency: z.int().min(1).max(64).default(4).describe('Companies synced at once, each in its own process.'),
    maxAge: Duration.default('26h').describe('`mlc fleet status` and the digest call a company stale when its last good run is older than this.'),
    digest: z
      .strictObject({
        kind: z
          .enum(['slack', 'teams', 'healthchecks', 'json'])
          .describe('One message per fleet run listing the companies that failed, parked records or went stale, and those resolved since; sent only when that list changes (healthchecks: a ping every run). The URL is the secret MLC_FLEET_NOTIFY_URL (or notify.url in the keychain service "mlc:fleet").'),
      })
      .optional(),
  })
  .describe('mlc fleet settings (fleet.yaml in the fleet folder).');

export type FleetFile = z.infer<typeof FleetFile>;

export interface FleetSettings {
  /** fleet.yaml, when the folder has one. */
  file: string | undefined;
  concurrency: number;
  maxAgeMs: number;
  digest: { kind: 'slack' | 'teams' | 'healthchecks' | 'json' } | undefined;
}

export function loadFleetSettings(dir: string): FleetSettings {
  const file = FLEET_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
  const written = file ? parseFleetFile(readFileSync(file, 'utf8'), file) : FleetFile.parse({});
  return { file, concurrency: written.concurrency, maxAgeMs: ms(written.maxAge), digest: written.digest };
}

export function parseFleetFile(text: string, file: string): FleetFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) throw new MlcError('config_invalid', `${file}: YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const raw: unknown = doc.toJS() ?? {};
  const parsed = FleetFile.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.flatMap((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      return keys.map((path) => {
        const pos = locate(doc, counter, path as PropertyKey[], issue.code === 'unrecognized_keys');
        return { file, line: pos.line, column: pos.column, path: dottedPath(path as PropertyKey[]), message: issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message.replace(/^Invalid input: /, '') };
      });
    }),
  );
}
