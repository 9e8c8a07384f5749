// What `mlc config check --online` can only learn from SYSPRO itself, beyond the lookups the
// generic check compares with the work centres: whether the Setup business objects are
// licensed for e.net (a document without items, ValidateOnly=Y; `e.net exception 100000`
// otherwise, erps.md §1.3), whether the inactive work centre exists with its cost centre, and
// whether SYSPRO knows the custom form fields (validated for an employee it holds).
import type { FlowSettings } from '../../config/types.js';
import { isMlcError } from '../../domain/errors.js';
import type { SelfCheckFinding } from '../types.js';
import type { EnetClient } from './client.js';
import type { SysproSettings } from './config.js';
import { formItems } from './documents.js';
import { isEnetError, isNotLicensed } from './errors.js';
import type { FormFieldType, SysproPayload } from './map.js';
import { flowOptionsOf } from './options.js';
import type { SysproReferences } from './references.js';
import type { SetupSender } from './sender.js';
import { documentTags, parametersDocument } from './xml.js';

export interface CheckParts {
  s: SysproSettings;
  client: EnetClient;
  refs: SysproReferences;
  sender: SetupSender;
}

async function licensed(p: CheckParts, businessObject: string, root: string, where: string): Promise<SelfCheckFinding[]> {
  const tags = documentTags(root, businessObject);
  const res = await p.client.setup('Update', businessObject, parametersDocument(root, businessObject, { ValidateOnly: 'Y' }), tags.open + tags.close);
  if (res.status === 200 && isNotLicensed(res.body)) {
    return [{ severity: 'error', where, message: `SYSPRO refuses business object ${businessObject} (e.net exception 100000): it is not licensed for e.net, or not known to this SYSPRO` }];
  }
  if (res.status !== 200 || isEnetError(res.body)) return [{ severity: 'warning', where, message: `business object ${businessObject} could not be probed: ${res.status === 200 ? res.body.trim().slice(0, 200) : `HTTP ${res.status}`}` }];
  return [];
}

async function inactiveWorkCentre(p: CheckParts, flow: FlowSettings, code: string): Promise<SelfCheckFinding[]> {
  const rec = (await p.refs.workCentres()).get(code);
  const where = `flows.${flow.name}.options.inactiveWorkCentre`;
  if (!rec) return [{ severity: 'error', where, message: `work centre ${code} does not exist in ${p.s.name}` }];
  return rec.active ? [] : [{ severity: 'error', where, message: `work centre ${code} cannot be used: ${rec.name}` }];
}

const SAMPLE: Readonly<Record<FormFieldType, string>> = { A: 'X', N: '0', D: '2000-01-01' };

async function formFields(p: CheckParts, flow: FlowSettings): Promise<SelfCheckFinding[]> {
  const o = flowOptionsOf(flow.options);
  if (o.customForm === false) return [];
  const f = o.customForm;
  const where = `flows.${flow.name}.options.customForm`;
  const [someone] = (await p.refs.employees()).values();
  if (someone === undefined) return [{ severity: 'warning', where, message: `${p.s.name} holds no labour employee yet: the custom form fields cannot be checked` }];
  const names: Array<[string, FormFieldType]> = [
    ...([[f.status, 'A'], [f.hireDate, 'D'], [f.terminationDate, 'D']] as Array<[string | null, FormFieldType]>).filter((x): x is [string, FormFieldType] => x[0] !== null),
    ...Object.keys(flow.fields).filter((k) => k.startsWith('form.')).map((k): [string, FormFieldType] => [k.slice(5), f.types[k.slice(5)] ?? 'A']),
  ];
  const payload: SysproPayload = { item: {}, form: { formType: f.formType, values: names.map(([field, type]) => ({ field, type, value: SAMPLE[type] })) } };
  const items = formItems(0, payload, someone);
  const results = await p.sender.send('Add', { businessObject: p.s.customForm.businessObject, root: p.s.customForm.root }, items, true);
  // "Already exists" means the field is there; any other refusal names what SYSPRO lacks.
  return items.flatMap((it) => {
    const r = results.get(it)!;
    return r.ok || r.kind === 'exists' ? [] : [{ severity: 'error' as const, where, message: `SYSPRO refuses custom form field ${it.key[2]?.[1]} of form type ${f.formType}: ${r.message}` }];
  });
}

export async function selfCheck(p: CheckParts, flows: readonly FlowSettings[]): Promise<SelfCheckFinding[]> {
  const { s } = p;
  const out: SelfCheckFinding[] = [];
  out.push(...(await licensed(p, s.employee.businessObject, s.employee.root, `targets.${s.name}.employee.businessObject`)));
  if (flows.some((f) => flowOptionsOf(f.options).customForm !== false)) out.push(...(await licensed(p, s.customForm.businessObject, s.customForm.root, `targets.${s.name}.customForm.businessObject`)));
  const sample = `${s.employeeCode.pattern.replace(/\{id(:\d+)?\}/g, (_m, w?: string) => '9'.repeat(Math.max(6, Number(w?.slice(1) ?? 0))))}`;
  if (sample.length > s.employeeCode.maxLength) out.push({ severity: 'warning', where: `targets.${s.name}.employeeCode`, message: `a six-digit BambooHR id gives the code ${sample}, longer than maxLength ${s.employeeCode.maxLength}` });
  for (const flow of flows) {
    const o = flowOptionsOf(flow.options);
    if (o.inactiveWorkCentre !== undefined) out.push(...(await inactiveWorkCentre(p, flow, o.inactiveWorkCentre)));
    try {
      out.push(...(await formFields(p, flow)));
    } catch (err) {
      if (!isMlcError(err) || err.code !== 'config_invalid') throw err;
      out.push({ severity: 'error', where: `flows.${flow.name}.options.customForm`, message: err.message });
    }
  }
  return out;
}
