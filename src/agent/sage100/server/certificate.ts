// The agent's own TLS certificate: generated on first start with the `selfsigned` package
// (EC P-256 or RSA, SHA-256 signature, SAN = localhost, 127.0.0.1, ::1, the host name and
// any configured names), stored next to the config with owner-only permissions, and reused
// on every later start so the SHA-256 fingerprint mlc pins stays the same.
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface CertificateOptions {
  certFile: string;
  keyFile: string;
  altNames: readonly string[];
  validityDays: number;
  keyType: 'ec' | 'rsa';
}

export interface AgentCertificate {
  certPem: string;
  keyPem: string;
  /** SHA-256 over the DER certificate, colon-separated upper-case hex (Node's fingerprint256). */
  fingerprint: string;
  created: boolean;
  /** Set when the key file can be read by others (POSIX mode bits; Windows uses ACLs: see README). */
  looseKeyPermissions: boolean;
}

function altNames(names: readonly string[]): Array<{ type: 2; value: string } | { type: 7; ip: string }> {
  const all = [...new Set(['localhost', '127.0.0.1', '::1', hostname(), ...names])];
  return all.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n }));
}

async function create(opts: CertificateOptions): Promise<{ cert: string; key: string }> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + opts.validityDays * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: `mlc-sage100-agent ${hostname()}` }], {
    keyType: opts.keyType,
    ...(opts.keyType === 'rsa' ? { keySize: 2048 } : { curve: 'P-256' as const }),
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: opts.keyType === 'rsa' },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: altNames(opts.altNames) },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

export async function loadOrCreateCertificate(opts: CertificateOptions): Promise<AgentCertificate> {
  const haveCert = existsSync(opts.certFile);
  const haveKey = existsSync(opts.keyFile);
  if (haveCert !== haveKey) throw new Error(`${haveCert ? opts.keyFile : opts.certFile} is missing while ${haveCert ? opts.certFile : opts.keyFile} exists: restore it, or delete both to make a new certificate (mlc must then pin the new fingerprint)`);
  let created = false;
  if (!haveCert) {
    const { cert, key } = await create(opts);
    // 'wx' refuses to overwrite a file another start created meanwhile.
    writeFileSync(opts.keyFile, key, { mode: 0o600, flag: 'wx' });
    writeFileSync(opts.certFile, cert, { mode: 0o600, flag: 'wx' });
    created = true;
  }
  const certPem = readFileSync(opts.certFile, 'utf8');
  const keyPem = readFileSync(opts.keyFile, 'utf8');
  const looseKeyPermissions = process.platform !== 'win32' && (statSync(opts.keyFile).mode & 0o077) !== 0;
  return { certPem, keyPem, fingerprint: fingerprintOf(certPem), created, looseKeyPermissions };
}
