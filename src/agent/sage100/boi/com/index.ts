// The real BOI over COM (Windows only). Loads winax once, then opens sessions on demand.
import type { BoiSession } from '../port.js';
import { ComSession, type ComSessionOptions } from './session.js';
import { loadWinax } from './winax.js';

export type { ComSessionOptions } from './session.js';

export interface ComBoi {
  openSession(): BoiSession;
}

export async function createComBoi(opts: ComSessionOptions, moduleName?: string): Promise<ComBoi> {
  const winax = await loadWinax(moduleName);
  return { openSession: () => new ComSession(winax, opts) };
}
