// In-process views of the simulated company for assertions: live counters and row accessors,
// and a write "in Sage" (a user at a Sage workstation) through the in-memory BOI's own
// business objects and the agent's write cycle, so it obeys the same rules.
import { OBJECTS, type ObjectName } from '../../agent/sage100/boi/catalog.js';
import { MemoryCompany, type LockOptions, type MemoryBoi } from '../../agent/sage100/boi/memory/index.js';
import type { FieldValue, Row } from '../../agent/sage100/boi/port.js';
import { writeRecord, type WriteResult } from '../../agent/sage100/protocol/write-record.js';
import type { FaultInjector } from './faults.js';

function stats(company: MemoryCompany, faults: FaultInjector, counters: { requests: number }): Record<string, number> {
  const s = company.stats;
  return Object.defineProperties({} as Record<string, number>, {
    requests: { enumerable: true, get: () => counters.requests },
    writes: { enumerable: true, get: () => s.writes },
    setKeyCalls: { enumerable: true, get: () => s.setKeyCalls },
    busyRefusals: { enumerable: true, get: () => s.busyRefusals },
    sessions: { enumerable: true, get: () => s.sessions },
    faultsInjected: { enumerable: true, get: () => faults.injected },
  });
}

function writeInSage(boi: MemoryBoi, object: ObjectName, key: Record<string, string>, fields: Record<string, FieldValue>): WriteResult {
  const { company } = boi;
  const session = boi.openSession();
  session.setUser(company.user?.name ?? 'sage-user', company.user?.password ?? '');
  session.setCompany(company.code);
  session.setProgram(session.lookupTask(OBJECTS[object].task));
  const bo = session.newObject(object);
  try {
    return writeRecord(bo, { object, key, fields }, []);
  } finally {
    bo.dropObject();
    session.close();
  }
}

function accessors(boi: MemoryBoi) {
  const { company } = boi;
  return {
    /** A change made in Sage itself (Sub Account Maintenance, …): the agent's write cycle on a session of its own. */
    writeInSage: (object: ObjectName, key: Record<string, string>, fields: Record<string, FieldValue>): WriteResult => writeInSage(boi, object, key, fields),
    subAccounts: (segmentNo?: string): Row[] => company.rows('GL_SubAccount').filter((r) => segmentNo === undefined || r['SegmentNo'] === segmentNo),
    subAccount: (segmentNo: string, code: string): Row | undefined => company.get('GL_SubAccount', MemoryCompany.primaryKey('GL_SubAccount', { SegmentNo: segmentNo, SubAccountCode: code })),
    mainAccounts: (): Row[] => company.rows('GL_MainAccount'),
    accounts: (): Row[] => company.rows('GL_Account'),
    account: (account: string): Row | undefined => company.accountByAccount(account),
    lock: (object: ObjectName, key: Record<string, string>, opts?: LockOptions): void => company.locks.lock(object, MemoryCompany.lockKey(object, key), opts),
    unlock: (object: ObjectName, key: Record<string, string>): void => company.locks.unlock(object, MemoryCompany.lockKey(object, key)),
    endSessions: (): void => company.endSessions(),
    setBusyMessage: (message: string): void => {
      company.busyMessage = message;
    },
  };
}

export const simState = { stats, accessors };
