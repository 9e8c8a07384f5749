// Which secrets a configuration needs, so `mlc auth list` can show what is missing and
// `mlc auth set` can refuse a name that nothing reads.
import { targetSpecs } from '../adapters/registry.js';
import { closest } from '../config/suggest.js';
import type { Config } from '../config/types.js';
import { MlcError } from '../domain/errors.js';
import { refKey, type SecretRef } from '../secrets/types.js';

export function expectedSecrets(config: Config): SecretRef[] {
  const b = config.bamboohr;
  const bamboo: SecretRef[] =
    b.auth === 'oauth'
      ? [
          { connection: 'bamboohr', name: 'client_secret' },
          { connection: 'bamboohr', name: 'refresh_token' },
        ]
      : [{ connection: 'bamboohr', name: 'api_key' }];
  const targets = Object.values(config.targets).flatMap((t) => (targetSpecs[t.type]?.secrets ?? []).map((name) => ({ connection: t.name, name })));
  const extra: SecretRef[] = [];
  if (config.webhook.publicUrl) extra.push({ connection: 'bamboohr', name: 'webhook_key' });
  if (config.notify) extra.push({ connection: 'notify', name: 'url' });
  return [...bamboo, ...targets, ...extra];
}

/** Every secret name each configured connection can read, whatever its current auth mode. */
export function knownSecrets(config: Config): Map<string, string[]> {
  const known = new Map<string, string[]>([['bamboohr', ['api_key', 'client_secret', 'refresh_token', 'webhook_key']]]);
  for (const t of Object.values(config.targets)) known.set(t.name, [...(targetSpecs[t.type]?.secrets ?? [])]);
  if (config.notify) known.set('notify', ['url']);
  return known;
}

/**
 * `mlc auth set` of a name nothing reads (a typo such as `apikey`) would store a secret and
 * exit 0 while the next run still says "not set": refuse it, with the nearest name. A known
 * name the current settings do not use (client_secret under auth: apiKey) is stored with a note.
 */
export function checkSecretName(config: Config, ref: SecretRef): { note?: string } {
  const known = knownSecrets(config);
  const names = known.get(ref.connection);
  if (!names) {
    const near = closest(ref.connection, [...known.keys()]);
    throw new MlcError('usage', `no connection named "${ref.connection}" in ${config.file}${near ? ` (did you mean "${near}"?)` : ''}`, { hint: `connections: ${[...known.keys()].join(', ')}` });
  }
  if (!names.includes(ref.name)) {
    const near = closest(ref.name, names) ?? closest(ref.name.replace(/[-\s]/g, '_'), names);
    throw new MlcError('usage', `${ref.connection} has no secret named "${ref.name}"${near ? ` (did you mean "${near}"?)` : ''}; nothing was stored`, { hint: `${ref.connection} reads: ${names.join(', ')}` });
  }
  const mode = AUTH_MODE[ref.name];
  return ref.connection === 'bamboohr' && mode && mode !== config.bamboohr.auth ? { note: `${refKey(ref)} is read with bamboohr.auth: ${mode}; this configuration says ${config.bamboohr.auth}` } : {};
}

const AUTH_MODE: Record<string, string> = { api_key: 'apiKey', client_secret: 'oauth', refresh_token: 'oauth' };
