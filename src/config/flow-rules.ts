// Rules for targets and flows: every flow points at a target that exists, uses only the
// target's reference slots and fields, fills its required slots, reads known BambooHR fields,
// and declares defaults when it asks for them.
import { targetSpecs } from '../adapters/registry.js';
import { isBuiltInSourceField } from '../domain/source-fields.js';
import type { RuleProblem } from './rules.js';
import type { Config } from './types.js';

type Rule = (config: Config) => RuleProblem[];
const err = (path: Array<string | number>, message: string): RuleProblem => ({ path, message, severity: 'error' });

function knownSource(c: Config, name: string): boolean {
  return isBuiltInSourceField(name) || c.bamboohr.fields.includes(name);
}

export const flowTargetExists: Rule = (c) =>
  c.flows.filter((f) => !c.targets[f.target]).map((f) => err(['flows', f.name, 'target'], `no target named "${f.target}" (targets: ${Object.keys(c.targets).join(', ') || 'none'})`));

export const flowSlotsBelongToTarget: Rule = (c) =>
  c.flows.flatMap((f) => {
    const t = c.targets[f.target];
    const spec = t && targetSpecs[t.type];
    if (!spec) return [];
    const slots = Object.keys(spec.slots);
    const unknown = Object.keys(f.references)
      .filter((s) => !spec.slots[s])
      .map((s) => err(['flows', f.name, 'references', s], `${spec.displayName} has no reference "${s}" (use ${slots.join(', ')})`));
    const missing = Object.entries(spec.slots)
      .filter(([s, slot]) => slot.required && !f.references[s])
      .map(([s, slot]) => err(['flows', f.name, 'references'], `${spec.displayName} needs "${s}": the ${slot.description}`));
    const fields = Object.keys(f.fields)
      .filter((name) => !spec.fieldAllowed(name))
      .map((name) => err(['flows', f.name, 'fields', name], `not a field mlc can write to ${spec.displayName}; use ${spec.fieldHint}`));
    return [...unknown, ...missing, ...fields];
  });

export const flowSourcesAreRead: Rule = (c) =>
  c.flows.flatMap((f) => {
    const out: RuleProblem[] = [];
    const hint = 'not a BambooHR field mlc reads; add it to bamboohr.fields or use department, division, location, jobTitle, employmentStatus, …';
    for (const name of Object.keys(f.filter)) if (!knownSource(c, name)) out.push(err(['flows', f.name, 'filter', name], hint));
    for (const [erp, src] of Object.entries(f.fields)) if (!knownSource(c, src)) out.push(err(['flows', f.name, 'fields', erp], `"${src}" is ${hint}`));
    for (const [slot, r] of Object.entries(f.references)) {
      if (r.kind === 'lookup' && !knownSource(c, r.from)) out.push(err(['flows', f.name, 'references', slot, 'from'], `"${r.from}" is ${hint}`));
    }
    return out;
  });

export const defaultsDeclared: Rule = (c) =>
  c.flows
    .filter((f) => f.unmapped === 'default')
    .flatMap((f) =>
      Object.entries(f.references)
        .filter(([, r]) => r.kind === 'lookup' && r.default === undefined)
        .map(([slot]) => err(['flows', f.name, 'references', slot], 'the flow says unmapped: default, so this lookup needs a default')),
    );

export const flowRules: readonly Rule[] = [flowTargetExists, flowSlotsBelongToTarget, flowSourcesAreRead, defaultsDeclared];
