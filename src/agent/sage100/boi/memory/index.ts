// The in-memory BOI: a company built from a seed, loaded through its own business objects so
// every seeded record passed the same validation a write does, and sessions opened on it.
import { localYyyymmdd, OBJECTS, type ObjectName } from '../catalog.js';
import { BOI_FAIL, type BoiSession, type FieldValue } from '../port.js';
import { MemoryCompany } from './company.js';
import { parseMemorySeed, type MemorySeed } from './seed.js';
import { MemorySession } from './session.js';

export { MemoryCompany } from './company.js';
export type { MemoryStats } from './company.js';
export type { LockOptions } from './locks.js';
export { MemorySeed, parseMemorySeed } from './seed.js';
export type { ParsedMemorySeed } from './seed.js';

export interface MemoryBoi {
  company: MemoryCompany;
  openSession(): BoiSession;
}

function load(session: BoiSession, object: ObjectName, key: Record<string, string>, fields: Record<string, FieldValue | undefined>): void {
  session.setProgram(session.lookupTask(OBJECTS[object].task));
  const bo = session.newObject(object);
  const fail = (step: string): never => {
    throw new RangeError(`seed ${object} ${Object.values(key).join('-')}: ${step} failed: ${bo.lastErrorMsg()}`);
  };
  for (const [f, v] of Object.entries(key)) if (bo.setKeyValue(f, v) === BOI_FAIL) fail(`SetKeyValue ${f}`);
  if (bo.setKey() === BOI_FAIL) fail('SetKey');
  for (const [f, v] of Object.entries(fields)) if (v !== undefined && bo.setValue(f, v) === BOI_FAIL) fail(`SetValue ${f}`);
  if (bo.write() === BOI_FAIL) fail('Write');
  bo.dropObject();
}

function seedSession(company: MemoryCompany, date: string): BoiSession {
  const session = new MemorySession(company, date);
  session.setUser(company.user?.name ?? 'seed', company.user?.password ?? '');
  session.setCompany(company.code);
  return session;
}

export function createMemoryBoi(raw: MemorySeed): MemoryBoi {
  const seed = parseMemorySeed(raw);
  const company = new MemoryCompany(seed);
  const date = seed.date ?? localYyyymmdd();
  const s = seedSession(company, date);
  for (const m of seed.mainAccounts) {
    load(s, 'GL_MainAccount_bus', { SegmentNo: '01', MainAccountCode: m.code }, { MainAccountDesc: m.description, AccountType: m.accountType, AccountGroup: m.accountGroup, Status: m.status });
  }
  for (const sub of seed.subAccounts) {
    load(s, 'GL_SubAccount_bus', { SegmentNo: sub.segmentNo, SubAccountCode: sub.code }, { SubAccountDesc: sub.description, Status: sub.status, ...sub.udf });
  }
  for (const a of seed.accounts) load(s, 'GL_Account_bus', { Account: a.account }, { AccountDesc: a.description, Status: a.status });
  company.stats.writes = 0;
  company.stats.setKeyCalls = 0;
  company.stats.sessions = 0;
  return { company, openSession: () => new MemorySession(company, date) };
}
