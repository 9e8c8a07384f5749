// In-process views of the simulated company for assertions: live counters and row accessors.
import type { ObjectName } from '../../agent/sage100/boi/catalog.js';
import { MemoryCompany, type LockOptions } from '../../agent/sage100/boi/memory/index.js';
import type { Row } from '../../agent/sage100/boi/port.js';
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

function accessors(company: MemoryCompany) {
  return {
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
