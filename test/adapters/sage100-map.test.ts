// Golden tests of the Sage 100 planner (map.ts, pure): BambooHR lists with headcounts → the
// sub-account values and GL accounts a flow keeps in step, exactly as planned (toStrictEqual).
import { describe, expect, it } from 'vitest';
import { Sage100Target, sage100Spec, type Sage100Settings } from '../../src/adapters/sage100/config.js';
import { codeProblem, parseMask, provisionCode } from '../../src/adapters/sage100/format.js';
import { planReferences } from '../../src/adapters/sage100/map.js';
import { Sage100FlowOptions } from '../../src/adapters/sage100/options.js';
import type { ReferencePlan, SourceListValue } from '../../src/adapters/types.js';
import type { FlowSettings, ReferenceRule } from '../../src/config/types.js';

const target: Sage100Settings = sage100Spec.normalize(
  Sage100Target.parse({ type: 'sage100', baseUrl: 'https://sage01:8443', tls: { pinSha256: 'AB'.repeat(32) }, structure: 'XXXX-XX-XX', segments: { department: 2, location: '03' } }),
  'sage100',
);

const lookup = (map: Record<string, string>, extra: Partial<Extract<ReferenceRule, { kind: 'lookup' }>> = {}): ReferenceRule => ({
  kind: 'lookup', from: extra.from ?? 'department', table: { source: 'departments.csv', map: new Map(Object.entries(map)) }, ...extra,
});

function flow(references: FlowSettings['references'], options: unknown = {}, unmapped: FlowSettings['unmapped'] = 'park'): FlowSettings {
  return { name: 'org', target: 'sage100', filter: {}, unmapped, references, fields: {}, names: 'legal', options: Sage100FlowOptions.parse(options) };
}

const v = (id: number, name: string, headcount: number, archived = false): SourceListValue => ({ id: String(id), name, headcount, archived });

function plan(f: FlowSettings, lists: Record<string, SourceListValue[]>, links: Record<string, string> = {}): ReferencePlan[] {
  return planReferences({ flow: f, lists, linked: (k) => links[k] ?? null }, target);
}

const sub = (no: string, code: string, fields: Record<string, unknown>, guard: string) => ({ object: 'GL_SubAccount_bus', key: { SegmentNo: no, SubAccountCode: code }, fields, guard });

describe('Sage 100 planner', () => {
  it('writes the headcount of lookup values (summed per code), parks a value in use with no lookup, skips unused ones', () => {
    const f = flow({ department: lookup({ Engineering: '01', 'R&D': '01', Sales: '04' }) });
    const plans = plan(f, { department: [v(1, 'Engineering', 5), v(2, 'R&D', 2), v(3, 'Sales', 0), v(4, 'Skunkworks', 1), v(5, 'Unused', 0)] });
    expect(plans).toStrictEqual([
      { type: 'subAccount', sourceKey: 'department=Skunkworks', key: 'department=Skunkworks', label: 'department "Skunkworks"', deactivate: false, payload: {}, needs: [], unmapped: 'department: no lookup for department "Skunkworks" in departments.csv' },
      { type: 'subAccount', sourceKey: 'department=Engineering', key: '02/01', label: 'department 01 "Engineering", "R&D"', deactivate: false, payload: sub('02', '01', { UDF_HEADCOUNT: 7 }, 'exists'), needs: [] },
      { type: 'subAccount', sourceKey: 'department=Sales', key: '02/04', label: 'department 04 "Sales"', deactivate: false, payload: sub('02', '04', { UDF_HEADCOUNT: 0 }, 'exists'), needs: [] },
    ]);
  });

  it('provisions values with the code rule sized to the segment, keeps a linked code, deactivates an archived one when allowed', () => {
    const f = flow({ department: lookup({ Engineering: '01' }, { provision: { code: '{name}', deactivate: true } }) });
    const plans = plan(f, { department: [v(1, 'Engineering', 3), v(7, 'Quantum Research', 2), v(8, 'Legal Ops', 0, true), v(9, 'Old Name Now', 4), v(10, 'Archived Never Made', 0, true)] }, { 'department#8': '02/LE', 'department#9': '02/ON' });
    expect(plans.map((p) => [p.sourceKey, p.key, p.deactivate, p.payload])).toStrictEqual([
      ['department=Engineering', '02/01', false, sub('02', '01', { UDF_HEADCOUNT: 3 }, 'exists')],
      ['department#8', '02/LE', true, sub('02', 'LE', { SubAccountDesc: 'Legal Ops', Status: 'I', UDF_HEADCOUNT: 0 }, 'owned')],
      ['department#9', '02/ON', false, sub('02', 'ON', { SubAccountDesc: 'Old Name Now', Status: 'A', UDF_HEADCOUNT: 4 }, 'owned')],
      ['department#7', '02/QU', false, sub('02', 'QU', { SubAccountDesc: 'Quantum Research', Status: 'A', UDF_HEADCOUNT: 2 }, 'owned')],
    ]);
  });

  it('parks a provisioned code that does not fit the segment or is taken, with the reason', () => {
    const f = flow({ department: lookup({ Engineering: 'QU' }, { provision: { code: '{id}', deactivate: false } }) });
    const [tooLong] = plan(f, { department: [v(18005, 'Quantum Research', 2)] });
    expect(tooLong).toMatchObject({ sourceKey: 'department#18005', unmapped: 'department: cannot provision department "Quantum Research": code "18005" is 5 characters; segment 02 takes exactly 2; change provision.code or map it in the lookup' });
    const named = flow({ department: lookup({ Engineering: 'QU' }, { provision: { code: '{name}', deactivate: false } }) });
    const taken = plan(named, { department: [v(1, 'Engineering', 1), v(7, 'Quantum Research', 2), v(8, 'Quarry', 1)] });
    expect(taken.map((p) => p.unmapped ?? p.key)).toStrictEqual(['02/QU', 'department: cannot provision department "Quantum Research": code QU is already used by the lookup ("Engineering") in segment 02; change provision.code or map it in the lookup', 'department: cannot provision department "Quarry": code QU is already used by the lookup ("Engineering") in segment 02; change provision.code or map it in the lookup']);
  });

  it('plans the accounts of the cost centres in use, each needing its sub-account, and the main account when mlc may create it', () => {
    const f = flow(
      { department: lookup({ Engineering: '01', Sales: '04', Legal: '10' }), location: lookup({ Denver: '01' }, { from: 'location' }) },
      { accounts: [{ main: '6000', by: ['department'], type: '15', description: 'Salaries {department}', mainDescription: 'Salaries' }, { main: '6100', by: ['department', 'location'] }] },
    );
    const plans = plan(f, { department: [v(1, 'Engineering', 2), v(2, 'Sales', 1), v(3, 'Legal', 0)], location: [v(20, 'Denver', 3)] }, { 'account:6000-10-00': '6000-10-00' });
    const accounts = plans.filter((p) => p.type !== 'subAccount');
    expect(accounts.map((p) => [p.sourceKey, p.payload, p.needs.map((n) => n.on.sourceKey)])).toStrictEqual([
      ['main:6000', { object: 'GL_MainAccount_bus', key: { SegmentNo: '01', MainAccountCode: '6000' }, fields: { MainAccountDesc: 'Salaries', AccountType: '15' }, guard: 'createOnly' }, []],
      ['account:6000-01-00', { object: 'GL_Account_bus', key: { Account: '6000-01-00' }, fields: { AccountDesc: 'Salaries Engineering', Status: 'A' }, main: { code: '6000', type: '15' } }, ['department=Engineering', 'main:6000']],
      ['account:6000-04-00', { object: 'GL_Account_bus', key: { Account: '6000-04-00' }, fields: { AccountDesc: 'Salaries Sales', Status: 'A' }, main: { code: '6000', type: '15' } }, ['department=Sales', 'main:6000']],
      // Legal has nobody today, but mlc made its account before: kept in step.
      ['account:6000-10-00', { object: 'GL_Account_bus', key: { Account: '6000-10-00' }, fields: { AccountDesc: 'Salaries Legal', Status: 'A' }, main: { code: '6000', type: '15' } }, ['department=Legal', 'main:6000']],
      ['account:6100-01-01', { object: 'GL_Account_bus', key: { Account: '6100-01-01' }, fields: { AccountDesc: '6100 Engineering Denver', Status: 'A' }, main: { code: '6100' } }, ['department=Engineering', 'location=Denver']],
      ['account:6100-04-01', { object: 'GL_Account_bus', key: { Account: '6100-04-01' }, fields: { AccountDesc: '6100 Sales Denver', Status: 'A' }, main: { code: '6100' } }, ['department=Sales', 'location=Denver']],
    ]);
  });

  it('deactivates the accounts of an archived provisioned value, never creates one for it; no headcount field means no lookup writes', () => {
    const f = flow({ department: lookup({}, { provision: { code: '{name}', deactivate: true } }) }, { headcount: false, accounts: [{ main: '6000', by: ['department'], fill: { 3: '99' } }] });
    const plans = plan(f, { department: [v(8, 'Legal Ops', 0, true), v(9, 'Gone', 0, true)] }, { 'department#8': '02/LE', 'account:6000-LE-99': '6000-LE-99', 'department#9': '02/GO' });
    expect(plans.map((p) => [p.sourceKey, p.deactivate, p.payload['fields']])).toStrictEqual([
      ['department#8', true, { SubAccountDesc: 'Legal Ops', Status: 'I' }],
      ['department#9', true, { SubAccountDesc: 'Gone', Status: 'I' }],
      ['account:6000-LE-99', true, { AccountDesc: '6000 Legal Ops', Status: 'I' }],
    ]);
    const lookups = flow({ department: lookup({ Sales: '04' }) }, { headcount: false });
    expect(plan(lookups, { department: [v(2, 'Sales', 9)] })).toStrictEqual([]);
  });

  it('refuses a configuration that cannot fit the structure, naming the setting', () => {
    expect(() => plan(flow({ department: lookup({}) }, { accounts: [{ main: '600', by: ['department'] }] }), { department: [] })).toThrow(/flows\.org\.options\.accounts\.0\.main: main account 600 is not 4 characters/);
    expect(() => plan(flow({ department: lookup({}) }, { accounts: [{ main: '6000', by: ['location'] }] }), { department: [] })).toThrow(/accounts\.0\.by: location needs flows\.org\.references\.location/);
    expect(() => plan(flow({ division: lookup({}, { from: 'division' }) }), {})).toThrow(/targets\.sage100\.segments says which segment division fills/);
  });

  it('the target block: segments must exist in the structure, once each; mutual TLS needs a client certificate', () => {
    const issues = (over: Record<string, unknown>) => {
      const r = Sage100Target.safeParse({ type: 'sage100', baseUrl: 'https://sage01:8443', structure: 'XXXX-XX-XX', segments: { department: 2 }, ...over });
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({})).toEqual([]);
    expect(issues({ segments: { department: 2, location: 4 } })).toEqual(['segments.location: the structure XXXX-XX-XX has 3 segments']);
    expect(issues({ segments: { department: 2, location: '02' } })).toEqual(['segments: two lists fill the same segment']);
    expect(issues({ auth: 'apiKey+mtls' })).toEqual(['tls.clientCert: auth apiKey+mtls needs a client certificate']);
    expect(issues({ structure: 'XX-X.X' })).toEqual(['structure: expected the account format as a mask, e.g. XXXX-XX-XX']);
  });

  it('account format helpers: masks, codes sized to the segment, code problems', () => {
    expect(parseMask('XXXX-XX-XX')).toStrictEqual({ separator: '-', lengths: [4, 2, 2] });
    expect(parseMask('XXXX.XXX')).toStrictEqual({ separator: '.', lengths: [4, 3] });
    expect(parseMask('XX-X.X')).toBeUndefined();
    expect(provisionCode('{id}', { id: '7', name: 'x' }, 3)).toBe('007');
    expect(provisionCode('D{id}', { id: '7', name: 'x' }, 3)).toBe('D07');
    expect(provisionCode('{name:3}', { id: '7', name: 'Research & Dev' }, 2)).toBe('RES');
    expect(codeProblem(target.structure, '03', 'A-')).toBe('code "A-" has characters other than letters and digits');
    expect(codeProblem(target.structure, '04', 'AB')).toBe('the account structure XXXX-XX-XX has no segment 04');
  });
});
