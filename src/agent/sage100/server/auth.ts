// Who may call the agent: every configured method must pass. API key in the X-Api-Key
// header and/or a client certificate verified against the configured CA (mutual TLS; the
// TLS layer asks for the certificate, this check refuses a request without a valid one).
import { ApiError } from '../protocol/errors.js';
import { API_KEY_HEADER, apiKeyMatches } from './api-key.js';
import { headerValue, type AgentRequest } from './types.js';

export interface AuthPolicy {
  apiKeyHash?: Buffer;
  mtls: boolean;
}

const challenge = { 'WWW-Authenticate': 'ApiKey header="X-Api-Key"' };

export function authenticate(req: AgentRequest, policy: AuthPolicy): ApiError | undefined {
  if (policy.mtls && !req.clientCertVerified) {
    return new ApiError(401, 'unauthorized', 'a client certificate issued by the configured CA is required');
  }
  if (policy.apiKeyHash) {
    const presented = headerValue(req, API_KEY_HEADER);
    if (!presented) return new ApiError(401, 'unauthorized', 'the X-Api-Key header is missing', {}, challenge);
    if (!apiKeyMatches(presented, policy.apiKeyHash)) return new ApiError(401, 'unauthorized', 'the API key is not valid', {}, challenge);
  }
  return undefined;
}

export function authMethods(policy: AuthPolicy): string[] {
  return [...(policy.apiKeyHash ? ['apiKey'] : []), ...(policy.mtls ? ['mtls'] : [])];
}
