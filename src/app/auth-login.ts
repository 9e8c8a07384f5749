// `mlc auth login bamboohr`: print the authorize URL, wait for BambooHR's redirect on a
// loopback listener, check `state`, exchange the code, store the refresh token (and the
// access token as a cache). The redirect URI must match the one registered for the app.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { parseDuration } from '../domain/duration.js';
import { MlcError } from '../domain/errors.js';
import { registerSecret } from '../log/redact.js';
import { authorizeUrl, exchangeCode } from '../source/bamboohr/oauth.js';
import { ACCESS, CLIENT_SECRET, REFRESH } from '../source/bamboohr/tokens.js';
import type { AppContext } from './context.js';

export async function loginBamboo(ctx: AppContext, opts: { timeout: string; print: (line: string) => void }): Promise<void> {
  const b = ctx.config.bamboohr;
  if (b.auth !== 'oauth' || !b.oauth) throw new MlcError('usage', 'bamboohr.auth is not "oauth" in the configuration');
  const oauth = b.oauth;
  const timeoutMs = parseDuration(opts.timeout);
  if (timeoutMs === undefined) throw new MlcError('usage', `--timeout: expected a duration such as 5m, got "${opts.timeout}"`);
  const secret = await ctx.secrets.require(CLIENT_SECRET);
  const state = randomBytes(16).toString('hex');
  const redirect = new URL(oauth.redirectUri);
  const url = authorizeUrl(b.baseUrl, { clientId: oauth.clientId, redirectUri: oauth.redirectUri, scopes: oauth.scopes, state });
  const code = await receiveCode(redirect, state, timeoutMs, () => {
    opts.print('Open this address in a browser and allow access:');
    opts.print(`  ${url}`);
    opts.print(`Waiting for BambooHR to redirect to ${redirect.origin}${redirect.pathname} …`);
  });
  registerSecret(code);
  const http = ctx.bambooHttp();
  const tok = await exchangeCode(http, { code, clientId: oauth.clientId, clientSecret: secret.value, redirectUri: oauth.redirectUri });
  if (!tok.refresh_token) {
    throw new MlcError('auth_refused', 'BambooHR returned no refresh token: the app needs the offline_access scope', { hint: 'add offline_access to bamboohr.oauth.scopes and log in again' });
  }
  await ctx.secrets.set(REFRESH, tok.refresh_token);
  await ctx.secrets.set(ACCESS, JSON.stringify({ token: tok.access_token, expiresAt: Date.now() + (tok.expires_in ?? 3600) * 1000 })).catch(() => undefined);
}

function receiveCode(redirect: URL, state: string, timeoutMs: number, ready: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', redirect.origin);
      if (u.pathname !== redirect.pathname) {
        res.writeHead(404).end();
        return;
      }
      const finish = (status: number, text: string, outcome: () => void) => {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(text);
        clearTimeout(timer);
        server.close();
        server.closeAllConnections();
        outcome();
      };
      const error = u.searchParams.get('error');
      const code = u.searchParams.get('code');
      if (error) return finish(400, `Login failed: ${error}. You can close this window.`, () => reject(new MlcError('auth_refused', `BambooHR login failed: ${error}`)));
      if (u.searchParams.get('state') !== state) {
        return finish(400, 'Login failed: state mismatch.', () => reject(new MlcError('auth_refused', 'the redirect carried a wrong state value (possible forged request); try again')));
      }
      if (!code) return finish(400, 'Login failed: no code.', () => reject(new MlcError('auth_refused', 'the redirect carried no authorization code')));
      finish(200, 'mlc is logged in to BambooHR. You can close this window.', () => resolve(code));
    });
    const timer = setTimeout(() => {
      server.close();
      server.closeAllConnections();
      reject(new MlcError('auth_required', `no redirect from BambooHR within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    server.on('error', (err) => {
      clearTimeout(timer);
      reject(new MlcError('usage', `cannot listen on ${redirect.host} for the redirect: ${err.message}`));
    });
    server.listen(Number(redirect.port || 80), redirect.hostname.replace(/^\[|\]$/g, ''), ready);
  });
}
