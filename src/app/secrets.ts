// Which secrets a configuration needs, so `mlc auth list` can show what is missing.
import type { Config } from '../config/types.js';
import type { SecretRef } from '../secrets/types.js';

export function expectedSecrets(config: Config): SecretRef[] {
  const b = config.bamboohr;
  return b.auth === 'oauth'
    ? [
        { connection: 'bamboohr', name: 'client_secret' },
        { connection: 'bamboohr', name: 'refresh_token' },
      ]
    : [{ connection: 'bamboohr', name: 'api_key' }];
}
