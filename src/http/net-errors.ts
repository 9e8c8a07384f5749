// What a failed connection means, in words that name the system, the host and the port, and
// the configuration key that decides them. "ECONNREFUSED" alone tells a new user nothing
// about which of three systems is wrong or where to fix it.

const hints = new Map<string, string>();

/**
 * Where the configuration names a system's host, for the hint of a connection error
 * (`bamboohr.companyDomain`, `targets.netsuite.accountId`…). Set once per command from the
 * config (app/context.ts); the HTTP clients are made in many places and know only the name.
 */
export function setHostHint(system: string, hint: string): void {
  hints.set(system, hint);
}

export function hostHint(system: string): string | undefined {
  return hints.get(system);
}

const TLS_TRUST = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
]);

export function isTlsCode(code: string | undefined): boolean {
  return code !== undefined && (TLS_TRUST.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code === 'EPROTO');
}

/** The cause in words; `where` is "host:port". */
export function explainNetworkError(code: string | undefined, where: string, host: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where}: nothing listens there (ECONNREFUSED)`;
    case 'ENOTFOUND':
      return `the host name ${host} does not exist (DNS: ENOTFOUND)`;
    case 'EAI_AGAIN':
      return `the DNS lookup of ${host} did not get an answer (EAI_AGAIN: a temporary resolver failure)`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `no answer from ${where} while connecting (${code}): a firewall, a proxy or a wrong host or port`;
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return `${where} accepted the connection but did not answer in time (${code})`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
    case 'EPIPE':
      return `${where} closed the connection (${code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${where} (${code}): this host has no network path there`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the TLS certificate of ${where} is not for ${host} (${code})`;
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return `the TLS handshake with ${where} failed (${code}): is it a plain http port, or a proxy that does not speak TLS?`;
    default:
      if (code !== undefined && TLS_TRUST.has(code)) return `the TLS certificate of ${where} is not trusted (${code})`;
      if (isTlsCode(code)) return `the TLS connection to ${where} failed (${code})`;
      return `${where}: ${code ?? 'network error'}`;
  }
}

/** What to do: check the configuration key that names the host (and, for TLS, the CA). */
export function networkHint(system: string, code: string | undefined): string | undefined {
  const where = hostHint(system);
  const tls = isTlsCode(code) && code !== 'ERR_SSL_WRONG_VERSION_NUMBER' && code !== 'EPROTO';
  const ca = tls ? '; a proxy that re-signs TLS needs its CA in NODE_EXTRA_CA_CERTS (TLS checks are never switched off)' : '';
  if (code === 'EAI_AGAIN') return `check this host's DNS (/etc/resolv.conf)${where ? `; the host comes from ${where}` : ''}`;
  return where ? `check ${where}${ca}` : ca ? ca.slice(2) : undefined;
}
