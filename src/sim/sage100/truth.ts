// What BambooHR implies for the simulated Sage 100 company under the sandbox's configuration
// (the suites' truth, src/sim/erp-sandbox.ts): every segment value's UDF_HEADCOUNT equals the
// active people carrying a BambooHR value mapped to it (0 where nobody is), the value exists
// and is active; for every department in use, the accounts 6000-<dept>-00 and 6100-<dept>-00
// exist, active, with their description; no segment holds the same active description twice;
// no mlc account names a department BambooHR does not have. And what mlc wrote, as its
// links hold it (sourceKey `department=<name>`, `account:<account>`).
import type { SimCompany } from '../bamboohr/company.js';
import { expectedPeople } from '../bamboohr/truth.js';
import { HEADCOUNT_UDF } from './seed.js';
import type { Sage100Sim } from './types.js';

export interface SandboxMapping {
  /** slot → segment number and BambooHR name → code. */
  lists: Array<{ slot: 'department' | 'location'; field: 'department' | 'location'; no: string; codes: Map<string, string> }>;
  /** Main accounts × departments, with the description prefix of their accounts. */
  accounts: Array<{ main: string; prefix: string }>;
  /** The code of the location segment in those accounts. */
  fill: string;
}

type Written = { family: 'reference'; sourceKey: string; erpKey: string };

function counts(c: SimCompany, field: 'department' | 'location'): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of expectedPeople(c)) {
    const v = p.active ? p[field] : null;
    if (v !== null) out.set(v, (out.get(v) ?? 0) + 1);
  }
  return out;
}

function segmentMismatches(sim: Sage100Sim, list: SandboxMapping['lists'][number], byName: Map<string, number>): string[] {
  const out: string[] = [];
  const byCode = new Map<string, number>();
  for (const [name, n] of byName) {
    const code = list.codes.get(name);
    if (code === undefined) out.push(`${list.slot} "${name}": ${n} active people, and no segment ${list.no} value`);
    else byCode.set(code, (byCode.get(code) ?? 0) + n);
  }
  const rows = sim.subAccounts(list.no);
  const seen = new Set<string>();
  for (const row of rows) {
    const code = String(row['SubAccountCode']);
    const want = byCode.get(code) ?? 0;
    if (row[HEADCOUNT_UDF] !== want) out.push(`sub-account ${list.no}-${code}: ${HEADCOUNT_UDF} is ${String(row[HEADCOUNT_UDF])}, expected ${want}`);
    if (want > 0 && row['Status'] !== 'A') out.push(`sub-account ${list.no}-${code}: ${want} active people, Status ${String(row['Status'])}`);
    const desc = String(row['SubAccountDesc']);
    if (row['Status'] === 'A' && seen.has(desc)) out.push(`segment ${list.no}: "${desc}" twice`);
    seen.add(desc);
  }
  for (const code of byCode.keys()) if (!rows.some((r) => r['SubAccountCode'] === code)) out.push(`sub-account ${list.no}-${code} is missing`);
  return out;
}

function accountMismatches(sim: Sage100Sim, m: SandboxMapping, byName: Map<string, number>): string[] {
  const out: string[] = [];
  const dept = m.lists.find((l) => l.slot === 'department')!;
  const known = new Set(dept.codes.values());
  for (const { main, prefix } of m.accounts) {
    for (const [name, code] of dept.codes) {
      if (!byName.get(name)) continue;
      const account = `${main}-${code}-${m.fill}`;
      const row = sim.account(account);
      if (!row) out.push(`account ${account} (${name}) is missing`);
      else if (row['Status'] !== 'A') out.push(`account ${account}: Status ${String(row['Status'])}`);
      else if (row['AccountDesc'] !== `${prefix} ${name}`) out.push(`account ${account}: AccountDesc is "${String(row['AccountDesc'])}", expected "${prefix} ${name}"`);
    }
    for (const row of sim.accounts()) {
      const [mainCode, code, fill] = String(row['Account']).split('-');
      if (mainCode === main && fill === m.fill && !known.has(code!)) out.push(`account ${String(row['Account'])}: no BambooHR department maps to ${code}`);
    }
  }
  return out;
}

export function sandboxMismatches(sim: Sage100Sim, m: SandboxMapping, c: SimCompany): string[] {
  const out: string[] = [];
  for (const list of m.lists) out.push(...segmentMismatches(sim, list, counts(c, list.field)));
  out.push(...accountMismatches(sim, m, counts(c, 'department')));
  return out;
}

export function sandboxWritten(sim: Sage100Sim, m: SandboxMapping): Written[] {
  const out: Written[] = [];
  for (const list of m.lists) {
    for (const [name, code] of list.codes) if (sim.subAccount(list.no, code)) out.push({ family: 'reference', sourceKey: `${list.slot}=${name}`, erpKey: `${list.no}/${code}` });
  }
  const dept = new Set(m.lists.find((l) => l.slot === 'department')!.codes.values());
  const mains = new Set(m.accounts.map((a) => a.main));
  for (const row of sim.accounts()) {
    const account = String(row['Account']);
    const [main, code, fill] = account.split('-');
    if (mains.has(main!) && fill === m.fill && dept.has(code!)) out.push({ family: 'reference', sourceKey: `account:${account}`, erpKey: account });
  }
  return out;
}
