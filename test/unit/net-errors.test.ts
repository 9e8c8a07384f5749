// Connection errors in words: system, host and port, the config key to check; a name that
// does not exist is not retried, a resolver that did not answer is.
import { describe, expect, it } from 'vitest';
import { explainNetworkError, networkHint, setHostHint } from '../../src/http/net-errors.js';
import { networkErrorIsRetryable } from '../../src/http/retry.js';

describe('network errors', () => {
  it('explain each code with the host and port', () => {
    expect(explainNetworkError('ECONNREFUSED', '127.0.0.1:9', '127.0.0.1')).toBe('connection refused by 127.0.0.1:9: nothing listens there (ECONNREFUSED)');
    expect(explainNetworkError('ENOTFOUND', 'acme.bamboohr.com:443', 'acme.bamboohr.com')).toBe('the host name acme.bamboohr.com does not exist (DNS: ENOTFOUND)');
    expect(explainNetworkError('EAI_AGAIN', 'acme.bamboohr.com:443', 'acme.bamboohr.com')).toContain('did not get an answer (EAI_AGAIN: a temporary resolver failure)');
    expect(explainNetworkError('UND_ERR_CONNECT_TIMEOUT', 'h:443', 'h')).toBe('no answer from h:443 while connecting (UND_ERR_CONNECT_TIMEOUT): a firewall, a proxy or a wrong host or port');
    expect(explainNetworkError('SELF_SIGNED_CERT_IN_CHAIN', 'h:443', 'h')).toBe('the TLS certificate of h:443 is not trusted (SELF_SIGNED_CERT_IN_CHAIN)');
    expect(explainNetworkError('ERR_TLS_CERT_ALTNAME_INVALID', 'h:443', 'h')).toBe('the TLS certificate of h:443 is not for h (ERR_TLS_CERT_ALTNAME_INVALID)');
  });

  it('hint at the config key that names the host, and at the CA for TLS trust', () => {
    setHostHint('netsuite', 'targets.netsuite.accountId ("1234567_SB1" means https://1234567-sb1.suitetalk.api.netsuite.com)');
    expect(networkHint('netsuite', 'ENOTFOUND')).toBe('check targets.netsuite.accountId ("1234567_SB1" means https://1234567-sb1.suitetalk.api.netsuite.com)');
    expect(networkHint('netsuite', 'CERT_HAS_EXPIRED')).toContain('NODE_EXTRA_CA_CERTS');
    expect(networkHint('netsuite', 'EAI_AGAIN')).toMatch(/^check this host's DNS/);
  });

  it('do not retry a host name that does not exist; retry a resolver that did not answer', () => {
    expect(networkErrorIsRetryable('ENOTFOUND', true)).toBe(false);
    expect(networkErrorIsRetryable('EAI_AGAIN', true)).toBe(true);
    expect(networkErrorIsRetryable('ECONNREFUSED', false)).toBe(true);
  });
});
