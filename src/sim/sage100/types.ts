// Option, fault and handle types of the Sage 100 simulator: the agent itself on the
// in-memory BOI, with faults, latency and recording around its HTTP handler.
import type { RecordedRequest } from '../common/recorded.js';
import type { Logger } from 'pino';
import type { ObjectName } from '../../agent/sage100/boi/catalog.js';
import type { LockOptions, MemoryCompany, MemorySeed } from '../../agent/sage100/boi/memory/index.js';
import type { Row } from '../../agent/sage100/boi/port.js';
import type { WriteResult } from '../../agent/sage100/protocol/write-record.js';
import type { WriteFault } from './write-faults.js';

export type Sage100FaultKind = '503' | 'reset' | 'slow';

export interface Sage100FailNext {
  status: number | 'reset';
  times?: number;
  method?: string;
  /** Default: any /v1/ path. */
  pathPrefix?: string;
  /** POST only: let the agent do the write, then fail or reset (the client cannot know it landed). */
  afterWrite?: boolean;
  delayMs?: number;
  retryAfterSec?: number;
}

export interface Sage100Faults {
  seed?: number;
  /** 0..1 probability that a /v1/ request gets a fault. */
  rate?: number;
  kinds?: Sage100FaultKind[];
  slowMs?: number;
  failNext?: Sage100FailNext[];
}

// Recorded requests: X-Api-Key is blanked.
export type { RecordedRequest };

export interface Sage100SimOptions {
  host?: string;
  port?: number;
  latencyMs?: number;
  faults?: Sage100Faults;
  /** Default: defaultSage100Seed(). */
  seed?: MemorySeed;
  /** Default: a random key. */
  apiKey?: string;
  /** Turn the API key off (then mtlsCaPem must be set). Default true. */
  requireApiKey?: boolean;
  /** PEM of the CA that issues client certificates: mutual TLS on. */
  mtlsCaPem?: string;
  /** Folder for the certificate and key (kept across restarts). Default: a new temporary folder, removed by close(). */
  dir?: string;
  writableObjects?: ObjectName[];
  busyPatterns?: string[];
  logger?: Logger;
}

export interface Sage100Sim {
  url: string;
  port: number;
  fingerprint: string;
  certPem: string;
  apiKey: string;
  dir: string;
  company: MemoryCompany;
  setFaults(f: Sage100Faults | undefined): void;
  /** The next written record (the first of the next batch): refused by Sage, or held by another user for N attempts. */
  failNextWrite(f: WriteFault): void;
  setLatency(ms: number): void;
  requests: RecordedRequest[];
  stats: Record<string, number>;
  subAccounts(segmentNo?: string): Row[];
  subAccount(segmentNo: string, code: string): Row | undefined;
  mainAccounts(): Row[];
  accounts(): Row[];
  account(account: string): Row | undefined;
  /** Plays another Sage user holding a record: the next SetKey (or Write) on it answers busy. */
  lock(object: ObjectName, key: Record<string, string>, opts?: LockOptions): void;
  unlock(object: ObjectName, key: Record<string, string>): void;
  /** A change made in Sage itself (a user in Sub Account Maintenance): the BOI's rules apply. */
  writeInSage(object: ObjectName, key: Record<string, string>, fields: Record<string, string | number>): WriteResult;
  setBusyMessage(message: string): void;
  /** Ends every open BOI session (the ProvideX process died): the next BOI call raises, the agent answers 503 and reopens. */
  endSessions(): void;
  close(): Promise<void>;
}
