// `mlc config check --online` for Sage 100: what only the agent can say. The business objects
// mlc writes are allowed, the headcount field is a user-defined field of GL_SubAccount of the
// right type, every account rule's main account exists with its type (or mlc may create it),
// and the fill codes exist. The account structure was checked when the session opened.
import type { FlowSettings } from '../../config/types.js';
import type { SelfCheckFinding } from '../types.js';
import type { Sage100Settings } from './config.js';
import { segmentNo, subAccountKey } from './format.js';
import type { Guards } from './guards.js';
import { Sage100FlowOptions } from './options.js';
import type { InfoAnswer } from './schemas.js';

type Finding = SelfCheckFinding;

function writable(info: InfoAnswer, object: string, where: string, why: string): Finding[] {
  if (info.capabilities.writableObjects.includes(object)) return [];
  return [{ severity: 'error', where, message: `the agent does not let mlc write ${object} (${why}): add it to boi.writableObjects in agent.yaml` }];
}

function headcount(info: InfoAnswer, options: Sage100FlowOptions, where: string): Finding[] {
  const hc = options.headcount;
  if (hc === false) return [];
  const udf = info.capabilities.udfs.GL_SubAccount.find((u) => u.name === hc.field);
  if (!udf) return [{ severity: 'error', where: `${where}.headcount.field`, message: `the agent knows no user-defined field ${hc.field} on GL_SubAccount: add it in Custom Office and to boi.udfs in agent.yaml` }];
  if (udf.type !== hc.type) return [{ severity: 'error', where: `${where}.headcount.type`, message: `${hc.field} is a ${udf.type} field in the agent's configuration, not ${hc.type}` }];
  return [];
}

async function accounts(s: Sage100Settings, info: InfoAnswer, guards: Guards, options: Sage100FlowOptions, where: string): Promise<Finding[]> {
  if (options.accounts.length === 0) return [];
  const out = writable(info, 'GL_Account_bus', `${where}.accounts`, 'the accounts of the cost centres');
  const [mains, subs] = await Promise.all([guards.mainAccounts(), guards.subAccounts()]);
  const slotSegments = new Set(Object.values(s.segments));
  for (const [i, rule] of options.accounts.entries()) {
    const at = `${where}.accounts.${i}`;
    const main = mains.get(rule.main);
    if (!main && !rule.mainDescription) out.push({ severity: 'error', where: `${at}.main`, message: `main account ${rule.main} does not exist in Sage 100 (give mainDescription and type to let mlc create it)` });
    if (!main && rule.mainDescription) out.push(...writable(info, 'GL_MainAccount_bus', `${at}.mainDescription`, `main account ${rule.main} is missing`));
    if (main && rule.type !== undefined && main['AccountType'] !== rule.type) out.push({ severity: 'error', where: `${at}.type`, message: `main account ${rule.main} has AccountType ${String(main['AccountType'])} in Sage 100, not ${rule.type}` });
    const varied = new Set(rule.by.map((slot) => s.segments[slot]));
    for (const [n, length] of s.structure.lengths.entries()) {
      const no = segmentNo(n + 1);
      if (n === 0 || varied.has(no)) continue;
      const code = rule.fill[no] ?? rule.fill[String(n + 1)] ?? '0'.repeat(length);
      const row = subs.get(subAccountKey(no, code));
      if (!row || row['Status'] !== 'A') out.push({ severity: 'error', where: `${at}.fill`, message: `segment ${no} has no active sub-account ${code} in Sage 100: every account of this rule needs it${slotSegments.has(no) ? '' : ' (no list fills this segment)'}` });
    }
  }
  return out;
}

export async function selfCheck(s: Sage100Settings, info: InfoAnswer, guards: Guards, flows: readonly FlowSettings[]): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const flow of flows) {
    const where = `flows.${flow.name}.options`;
    const options = Sage100FlowOptions.parse(flow.options);
    const provisions = Object.values(flow.references).some((r) => r.kind === 'lookup' && r.provision);
    if (provisions || options.headcount !== false) out.push(...writable(info, 'GL_SubAccount_bus', `flows.${flow.name}.references`, 'the sub-account values'));
    out.push(...headcount(info, options, where), ...(await accounts(s, info, guards, options, where)));
  }
  return out;
}
