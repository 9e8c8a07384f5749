// Trusting a customer's own certificate (an on-premises SYSPRO, GP or Sage agent) without
// ever turning verification off: either a CA file (normal chain and host name checks), or a
// pinned SHA-256 fingerprint of the server's certificate, compared on every new connection
// before a byte of the request is sent. undici's connector is wrapped for the pin because
// with rejectUnauthorized false Node never calls checkServerIdentity (dependencies.md §3).
import { readFileSync } from 'node:fs';
import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector, type Connector } from './undici.js';
import { MlcError } from '../domain/errors.js';

export interface TlsTrust {
  /** PEM file of the CA (or the self-signed certificate itself) to trust. */
  caFile?: string | undefined;
  /** SHA-256 fingerprint of the server certificate, hex with or without colons. */
  pinSha256?: string | undefined;
  /** Client certificate for mutual TLS. */
  clientCertFile?: string | undefined;
  clientKeyFile?: string | undefined;
}

/** `AB:CD:…` or `abcd…` → `AB:CD:…`, the form Node prints and `openssl x509 -fingerprint` shows. */
export function normalizeFingerprint(fp: string): string {
  const hex = fp.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

export function isFingerprint(fp: string): boolean {
  return fp.replace(/[^0-9a-fA-F]/g, '').length === 64 && /^[0-9a-fA-F:\s]+$/.test(fp);
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new MlcError('config_invalid', `cannot read the ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

export function pinMismatch(system: string, seen: string, pinned: string): MlcError {
  return new MlcError('auth_refused', `${system}: the server's certificate has SHA-256 fingerprint ${seen}, not the pinned ${normalizeFingerprint(pinned)}`, {
    hint: 'if the server certificate was replaced on purpose, pin the new fingerprint (mlc ping prints it); otherwise something is intercepting the connection',
  });
}

/**
 * An undici connector that trusts exactly what `trust` says, for `system`'s connections: the
 * base of trustedAgent, and of dispatchers an adapter builds itself (NTLM needs one undici
 * Client per authenticated connection, each with this connector).
 */
export function trustedConnector(system: string, trust: TlsTrust): Connector {
  const ca = trust.caFile ? readPem(trust.caFile, 'CA file') : undefined;
  const cert = trust.clientCertFile ? readPem(trust.clientCertFile, 'client certificate') : undefined;
  const key = trust.clientKeyFile ? readPem(trust.clientKeyFile, 'client key') : undefined;
  const pin = trust.pinSha256 ? normalizeFingerprint(trust.pinSha256) : undefined;
  // With a CA the chain is verified as usual; a pin alone identifies the one certificate. A
  // resumed TLS session shows no peer certificate to compare, so a pinned connector never
  // resumes one (undici caches sessions per host: the second connection would fail the pin).
  const base = buildConnector({ ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}), rejectUnauthorized: !pin || Boolean(ca), ...(pin ? { maxCachedSessions: 0 } : {}) });
  return (options, callback) =>
    base(options, (err, socket) => {
      if (err || !pin || options.protocol !== 'https:' || !socket) return callback(err, socket as never);
      const seen = (socket as TLSSocket).getPeerCertificate()?.fingerprint256 ?? '';
      if (normalizeFingerprint(seen) !== pin) {
        socket.destroy();
        return callback(pinMismatch(system, seen || '(none)', pin), null);
      }
      callback(null, socket);
    });
}

/** An undici Agent that trusts exactly what `trust` says, for `system`'s connections. */
export function trustedAgent(system: string, trust: TlsTrust, opts: { connections?: number; keepAliveTimeout?: number } = {}): Agent {
  return new Agent({ connect: trustedConnector(system, trust), connections: opts.connections ?? 16, keepAliveTimeout: opts.keepAliveTimeout ?? 10_000 });
}

/** The fingerprint a server presents (for `mlc ping` on first setup), without trusting it. */
export async function peerFingerprint(url: string): Promise<string | undefined> {
  const { connect } = await import('node:tls');
  const u = new URL(url);
  if (u.protocol !== 'https:') return undefined;
  return new Promise((resolve) => {
    const s = connect({ host: u.hostname, port: Number(u.port || 443), servername: /^[\d.]+$|:/.test(u.hostname) ? undefined : u.hostname, rejectUnauthorized: false }, () => {
      const fp = s.getPeerCertificate()?.fingerprint256;
      s.end();
      resolve(fp || undefined);
    });
    s.setTimeout(5000, () => (s.destroy(), resolve(undefined)));
    s.on('error', () => resolve(undefined));
  });
}
