import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Agent, buildConnector, Client } from '../../src/http/undici.js';

const require = createRequire(import.meta.url);

describe('undici without its index', () => {
  it('loads the same Agent, Client and buildConnector the index exports (an upgrade that moves them fails here)', () => {
    const index = require('undici') as typeof import('undici');
    expect(Agent).toBe(index.Agent);
    expect(Client).toBe(index.Client);
    expect(buildConnector).toBe(index.buildConnector);
  });
});
