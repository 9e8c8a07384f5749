// `fingerprint` (the certificate mlc must pin; creates the certificate if this is before the
// first start) and `gen-key` (a new API key: its SHA-256 goes to the hash file, owner-only;
// the key itself is printed once, for mlc's keychain, and never stored by the agent).
import { existsSync, writeFileSync } from 'node:fs';
import { loadAgentConfig, resolveIn } from '../config/load.js';
import { generateApiKey, hashApiKey } from '../server/api-key.js';
import { loadOrCreateCertificate } from '../server/certificate.js';
import { configPath, EXIT, type CliIo } from './io.js';

export async function fingerprint(option: string | undefined, io: CliIo): Promise<number> {
  const { config, dir } = loadAgentConfig(configPath(option, io.env));
  const cert = await loadOrCreateCertificate({ ...config.tls, certFile: resolveIn(dir, config.tls.certFile), keyFile: resolveIn(dir, config.tls.keyFile) });
  if (cert.created) io.stderr(`created a new certificate: ${resolveIn(dir, config.tls.certFile)}\n`);
  io.stdout(`${cert.fingerprint}\n`);
  return EXIT.ok;
}

export function genKey(option: string | undefined, force: boolean, io: CliIo): number {
  const { config, dir } = loadAgentConfig(configPath(option, io.env));
  if (!config.auth.apiKey) {
    io.stderr('auth.apiKey is not configured in this agent.yaml; add `auth: { apiKey: {} }` first\n');
    return EXIT.usage;
  }
  const file = resolveIn(dir, config.auth.apiKey.hashFile);
  if (existsSync(file) && !force) {
    io.stderr(`${file} exists; pass --force to replace it (the old key stops working)\n`);
    return EXIT.usage;
  }
  const key = generateApiKey();
  writeFileSync(file, `${hashApiKey(key).toString('hex')}\n`, { mode: 0o600 });
  io.stderr(`wrote the key's SHA-256 to ${file}; restart the agent. Store the key below in mlc (its keychain or environment); it is not shown again.\n`);
  io.stdout(`${key}\n`);
  return EXIT.ok;
}
