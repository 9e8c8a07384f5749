// The GL accounts a flow keeps in existence (pure): for each account rule, one account per
// value in use of the rule's lists (`6000` × each department: `6000-05-00`), the other
// segments filled with fixed codes. GL_Account_bus is keyed by the formatted Account, takes
// its type from the main account, and refuses an account whose main account or sub-accounts
// do not exist (erps.md §8 D.1): an account therefore needs the sub-account records mlc
// writes in the same run, and the main account when mlc may create it.
import { MlcError } from '../../domain/errors.js';
import type { Need, ReferenceInput, ReferencePlan } from '../types.js';
import type { Sage100Settings, Slot } from './config.js';
import { codeProblem, cut, formatAccount, segmentNo } from './format.js';
import type { SegmentValue } from './map-values.js';
import type { AccountRule } from './options.js';

function combinations(lists: SegmentValue[][]): SegmentValue[][] {
  return lists.reduce<SegmentValue[][]>((acc, list) => acc.flatMap((combo) => list.map((v) => [...combo, v])), [[]]);
}

function describe(template: string, main: string, combo: readonly SegmentValue[]): string {
  const name = (v: SegmentValue) => v.names[0] ?? v.code;
  const text = template.replace(/\{(main|values|department|division|location)\}/g, (_m, p: string) => {
    if (p === 'main') return main;
    if (p === 'values') return combo.map(name).join(' ');
    const v = combo.find((x) => x.slot === p);
    return v ? name(v) : '';
  });
  return cut(text.replace(/\s+/g, ' ').trim(), 50);
}

function mainAccountPlan(rule: AccountRule & { mainDescription: string; type: string }): ReferencePlan {
  // Created when missing, never changed when it exists: other accounts use it (session.ts).
  const payload = { object: 'GL_MainAccount_bus', key: { SegmentNo: '01', MainAccountCode: rule.main }, fields: { MainAccountDesc: rule.mainDescription, AccountType: rule.type }, guard: 'createOnly' };
  return { type: 'mainAccount', sourceKey: `main:${rule.main}`, key: `01/${rule.main}`, label: `main account ${rule.main}`, deactivate: false, payload, needs: [] };
}

/** The code of every segment of the rule's accounts: a list's values, or the fill code. */
function segmentsOf(input: ReferenceInput, s: Sage100Settings, rule: AccountRule, where: string, values: ReadonlyMap<Slot, SegmentValue[]>): Array<SegmentValue[] | string> {
  const bySegment = new Map<string, Slot>();
  for (const slot of rule.by) {
    const no = s.segments[slot];
    if (!no || !values.has(slot)) throw new MlcError('config_invalid', `${where}.by: ${slot} needs flows.${input.flow.name}.references.${slot} and targets.${s.name}.segments.${slot}`);
    bySegment.set(no, slot);
  }
  return s.structure.lengths.slice(1).map((length, i) => {
    const no = segmentNo(i + 2);
    const slot = bySegment.get(no);
    if (slot) return values.get(slot)!;
    const code = rule.fill[no] ?? rule.fill[String(i + 2)] ?? '0'.repeat(length);
    const problem = codeProblem(s.structure, no, code);
    if (problem) throw new MlcError('config_invalid', `${where}.fill: ${problem}`);
    return code;
  });
}

export function accountPlans(input: ReferenceInput, s: Sage100Settings, rules: readonly AccountRule[], values: ReadonlyMap<Slot, SegmentValue[]>): ReferencePlan[] {
  const plans: ReferencePlan[] = [];
  const seen = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    const where = `flows.${input.flow.name}.options.accounts.${i}`;
    if (rule.main.length !== s.structure.lengths[0]) throw new MlcError('config_invalid', `${where}.main: main account ${rule.main} is not ${s.structure.lengths[0]} characters (segment 01)`);
    const main = rule.mainDescription && rule.type ? mainAccountPlan({ ...rule, mainDescription: rule.mainDescription, type: rule.type }) : undefined;
    if (main && !seen.has(main.sourceKey)) plans.push(main);
    if (main) seen.add(main.sourceKey);
    const segments = segmentsOf(input, s, rule, where, values);
    const lists = segments.filter((x): x is SegmentValue[] => Array.isArray(x));
    for (const combo of combinations(lists)) {
      let k = 0;
      const parts = [rule.main, ...segments.map((x) => (typeof x === 'string' ? x : combo[k++]!.code))];
      const account = formatAccount(s.structure, parts);
      const sourceKey = `account:${account}`;
      if (seen.has(sourceKey)) continue;
      const linked = input.linked(sourceKey) !== null;
      const deactivate = combo.some((v) => v.deactivate);
      // New accounts only for cost centres in use; one mlc made is kept in step (renamed, deactivated).
      if (!linked && (deactivate || !combo.every((v) => v.inUse))) continue;
      seen.add(sourceKey);
      const needs: Need[] = combo.filter((v) => v.sourceKey).map((v) => ({ slot: `segment:${v.no}`, on: { family: 'reference', sourceKey: v.sourceKey! }, required: true, label: v.label }));
      if (main) needs.push({ slot: 'main', on: { family: 'reference', sourceKey: main.sourceKey }, required: true, label: main.label });
      const fields = { AccountDesc: describe(rule.description, rule.main, combo), Status: deactivate ? 'I' : 'A' };
      const payload = { object: 'GL_Account_bus', key: { Account: account }, fields, main: { code: rule.main, ...(rule.type ? { type: rule.type } : {}) } };
      plans.push({ type: 'account', sourceKey, key: account, label: `account ${account}`, deactivate, payload, needs });
    }
  }
  return plans;
}
