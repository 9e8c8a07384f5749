// Entra app registrations the token endpoint knows: client id, tenant, secret, certificate
// (thumbprints x5t = base64url SHA-1 and x5t#S256 = base64url SHA-256 of the DER, as the
// assertion header names them; learn.microsoft.com/entra/identity-platform/certificate-credentials),
// and whether F&O has the app mapped to a user (reference §5.1).
import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import type { D365SimApp } from './types.js';

export interface AppCertificate {
  x5t: string;
  x5tS256: string;
  publicKey: KeyObject;
}

export interface RegisteredApp {
  tenant: string;
  clientId: string;
  secret?: string;
  secretExpired: boolean;
  certificate?: AppCertificate;
  mappedToUser: boolean;
}

export function certificateOf(pem: string): AppCertificate {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw new RangeError('certificatePem is not an X.509 certificate in PEM form');
  }
  const digest = (alg: string) => createHash(alg).update(cert.raw).digest('base64url');
  return { x5t: digest('sha1'), x5tS256: digest('sha256'), publicKey: cert.publicKey };
}

export class AppRegistry {
  private readonly apps = new Map<string, RegisteredApp>();

  constructor(readonly defaultTenant: string) {}

  /** Replaces an app with the same client id. */
  register(app: D365SimApp): void {
    if (app.secret === undefined && app.certificatePem === undefined) throw new RangeError(`app ${app.clientId} needs a secret or a certificatePem`);
    const registered: RegisteredApp = {
      tenant: app.tenant ?? this.defaultTenant,
      clientId: app.clientId,
      secretExpired: app.secretExpired === true,
      mappedToUser: app.mappedToUser !== false,
      ...(app.secret !== undefined ? { secret: app.secret } : {}),
      ...(app.certificatePem !== undefined ? { certificate: certificateOf(app.certificatePem) } : {}),
    };
    this.apps.set(app.clientId.toLowerCase(), registered);
  }

  /** Client ids (GUIDs) and tenants compare case-insensitively. */
  find(tenant: string, clientId: string): RegisteredApp | undefined {
    const app = this.apps.get(clientId.toLowerCase());
    return app && app.tenant.toLowerCase() === tenant.toLowerCase() ? app : undefined;
  }

  knowsTenant(tenant: string): boolean {
    const t = tenant.toLowerCase();
    return t === this.defaultTenant.toLowerCase() || [...this.apps.values()].some((a) => a.tenant.toLowerCase() === t);
  }

  list(): Array<{ tenant: string; clientId: string; secret: boolean; certificate: boolean; mappedToUser: boolean }> {
    return [...this.apps.values()].map((a) => ({ tenant: a.tenant, clientId: a.clientId, secret: a.secret !== undefined, certificate: a.certificate !== undefined, mappedToUser: a.mappedToUser }));
  }
}
