// The sub-account values of one segment (GL_SubAccount, keyed SegmentNo + SubAccountCode,
// erps.md §8 D.1) that a flow keeps in step with one BambooHR list (pure). A lookup maps
// BambooHR names to codes the customer made: mlc writes only their headcount, and the agent
// must find them. A provisioned value is mlc's own: created with the code rule and the
// BambooHR name as description, renamed with BambooHR, set inactive when BambooHR archives it
// and the flow allows it. A value in use that neither covers, or a code that cannot fit the
// segment, is parked with the reason (never guessed, DESIGN §3.6).
import { MlcError } from '../../domain/errors.js';
import type { ReferenceRule } from '../../config/types.js';
import type { ReferenceInput, ReferencePlan, SourceListValue } from '../types.js';
import type { Sage100Settings, Slot } from './config.js';
import { codeProblem, cut, provisionCode, segmentLength, splitSubAccountKey, subAccountKey } from './format.js';
import type { Sage100FlowOptions } from './options.js';

/** One value of a segment, as the account plans see it. */
export interface SegmentValue {
  slot: Slot;
  no: string;
  code: string;
  /** BambooHR names carried by it (several when a lookup maps several names to one code). */
  names: string[];
  /** Active employees carry it today (and it is not archived). */
  inUse: boolean;
  /** Archived in BambooHR and mlc deactivates it. */
  deactivate: boolean;
  /** The sub-account record mlc plans for it, if it plans one. */
  sourceKey: string | undefined;
  label: string;
}

type Headcount = Sage100FlowOptions['headcount'];
type Lookup = Extract<ReferenceRule, { kind: 'lookup' }>;

interface Group {
  code: string;
  values: SourceListValue[];
}

const SUB = 'GL_SubAccount_bus';

function headcountFields(hc: Headcount, n: number): Record<string, string | number> {
  if (hc === false) return {};
  return { [hc.field]: hc.type === 'number' ? n : String(n) };
}

function unmapped(slot: Slot, sourceKey: string, name: string, reason: string): ReferencePlan {
  return { type: 'subAccount', sourceKey, key: sourceKey, label: `${slot} "${name}"`, deactivate: false, payload: {}, needs: [], unmapped: reason };
}

class SegmentPlanner {
  readonly values: SegmentValue[] = [];
  readonly plans: ReferencePlan[] = [];
  /** code → who uses it, so a provisioned code never lands on a value the lookup or another option has. */
  private readonly taken = new Map<string, string>();
  private readonly length: number;

  constructor(
    private readonly input: ReferenceInput,
    private readonly s: Sage100Settings,
    private readonly slot: Slot,
    private readonly no: string,
    private readonly rule: Lookup,
    private readonly hc: Headcount,
  ) {
    this.length = segmentLength(s.structure, no) ?? 0;
    for (const [name, code] of rule.table.map) if (!this.taken.has(code)) this.taken.set(code, `the lookup ("${name}")`);
    if (rule.default !== undefined) this.taken.set(rule.default, 'the lookup default');
  }

  run(list: readonly SourceListValue[]): void {
    const groups = new Map<string, Group>();
    const pending: SourceListValue[] = [];
    const { rule, input } = this;
    for (const v of list) {
      const hit = rule.table.map.get(v.name) ?? (input.flow.unmapped === 'default' ? rule.default : undefined);
      if (hit !== undefined) (groups.get(hit) ?? groups.set(hit, { code: hit, values: [] }).get(hit)!).values.push(v);
      else if (rule.provision) pending.push(v);
      else if (!v.archived && v.headcount > 0) {
        const source = rule.table.source === 'inline' ? `flows.${input.flow.name}.references.${this.slot}` : rule.table.source;
        this.plans.push(unmapped(this.slot, `${this.slot}=${v.name}`, v.name, `${this.slot}: no lookup for ${rule.from} "${v.name}" in ${source}`));
      }
    }
    for (const g of groups.values()) this.lookupValue(g);
    // Values mlc created before keep their codes; new ones get theirs after them.
    const linked = (v: SourceListValue) => input.linked(`${this.slot}#${v.id}`) !== null;
    for (const v of [...pending.filter(linked), ...pending.filter((v) => !linked(v))]) this.provisioned(v);
  }

  private lookupValue(g: Group): void {
    const names = g.values.map((v) => v.name);
    const sourceKey = `${this.slot}=${names[0]}`;
    const problem = codeProblem(this.s.structure, this.no, g.code);
    if (problem) {
      this.plans.push(unmapped(this.slot, sourceKey, names[0]!, `${this.slot}: the lookup maps "${names.join('", "')}" to ${problem}`));
      return;
    }
    const headcount = g.values.reduce((n, v) => n + v.headcount, 0);
    const label = `${this.slot} ${g.code} "${names.join('", "')}"`;
    const planned = this.hc !== false;
    this.values.push({ slot: this.slot, no: this.no, code: g.code, names, inUse: headcount > 0 && g.values.some((v) => !v.archived), deactivate: false, sourceKey: planned ? sourceKey : undefined, label });
    if (!planned) return;
    // The customer's own value: only its headcount is written, and it must exist in Sage.
    const payload = { object: SUB, key: { SegmentNo: this.no, SubAccountCode: g.code }, fields: headcountFields(this.hc, headcount), guard: 'exists' };
    this.plans.push({ type: 'subAccount', sourceKey, key: subAccountKey(this.no, g.code), label, deactivate: false, payload, needs: [] });
  }

  private provisioned(v: SourceListValue): void {
    const sourceKey = `${this.slot}#${v.id}`;
    const linked = this.input.linked(sourceKey);
    if (linked === null && v.archived) return; // never create a value BambooHR has archived
    const provision = this.rule.provision!;
    // A code once given stays (a {name} code must not move when the name changes).
    const code = (linked ? splitSubAccountKey(linked)?.code : undefined) ?? provisionCode(provision.code, v, this.length);
    const problem = codeProblem(this.s.structure, this.no, code) ?? (this.taken.has(code) ? `code ${code} is already used by ${this.taken.get(code)} in segment ${this.no}` : undefined);
    if (problem) {
      this.plans.push(unmapped(this.slot, sourceKey, v.name, `${this.slot}: cannot provision ${this.rule.from} "${v.name}": ${problem}; change provision.code or map it in the lookup`));
      return;
    }
    this.taken.set(code, `"${v.name}"`);
    const deactivate = v.archived && provision.deactivate;
    const label = `${this.slot} ${code} "${v.name}"`;
    this.values.push({ slot: this.slot, no: this.no, code, names: [v.name], inUse: v.headcount > 0 && !v.archived, deactivate, sourceKey, label });
    const fields = { SubAccountDesc: cut(v.name, 40), Status: deactivate ? 'I' : 'A', ...headcountFields(this.hc, v.headcount) };
    const payload = { object: SUB, key: { SegmentNo: this.no, SubAccountCode: code }, fields, guard: 'owned' };
    this.plans.push({ type: 'subAccount', sourceKey, key: subAccountKey(this.no, code), label, deactivate, payload, needs: [] });
  }
}

/** The values and sub-account records of one list's segment, or undefined when the flow does not use the list. */
export function segmentValues(input: ReferenceInput, s: Sage100Settings, slot: Slot, hc: Headcount): { values: SegmentValue[]; plans: ReferencePlan[] } | undefined {
  const rule = input.flow.references[slot];
  if (!rule) return undefined;
  const no = s.segments[slot];
  if (!no) throw new MlcError('config_invalid', `flows.${input.flow.name}.references.${slot}: targets.${s.name}.segments says which segment ${slot} fills; it has no ${slot}`);
  if (rule.kind === 'value') {
    // The same code for everyone: nothing to keep in step, but accounts can use it.
    const problem = codeProblem(s.structure, no, rule.value);
    if (problem) throw new MlcError('config_invalid', `flows.${input.flow.name}.references.${slot}.value: ${problem}`);
    return { values: [{ slot, no, code: rule.value, names: [], inUse: true, deactivate: false, sourceKey: undefined, label: `${slot} ${rule.value}` }], plans: [] };
  }
  const planner = new SegmentPlanner(input, s, slot, no, rule, hc);
  planner.run(input.lists[rule.from] ?? []);
  return { values: planner.values, plans: planner.plans };
}
