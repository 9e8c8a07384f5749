// Undici's dispatchers without its index module. The index also loads fetch, WebSocket,
// EventSource, caches and mocks: ~0.1 s of CPU at every start (measured: require('undici')
// 126 ms, these three files 43 ms), paid by every cron run. mlc needs only these. undici has
// no "exports" map, so its lib/ files are importable; test/http/undici.test.ts checks they
// are the very classes the index exports, so an upgrade that moves them fails there.
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const require = createRequire(import.meta.url);

export const Agent = require('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
export const Client = require('undici/lib/dispatcher/client.js') as typeof Undici.Client;
export const buildConnector = require('undici/lib/core/connect.js') as typeof Undici.buildConnector;
export type Dispatcher = Undici.Dispatcher;
export type Agent = Undici.Agent;
export type Client = Undici.Client;
export type Connector = Undici.buildConnector.connector;
