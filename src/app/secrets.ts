// Which secrets a configuration needs, so `mlc auth list` can show what is missing.
import { targetSpecs } from '../adapters/registry.js';
import type { Config } from '../config/types.js';
import type { SecretRef } from '../secrets/types.js';

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
