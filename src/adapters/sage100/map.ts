// BambooHR's lists → the Sage 100 records a flow keeps in step (pure; golden-tested): the
// sub-account values of each list's segment with their headcount, then the GL accounts of
// the cost centres in use (DESIGN §8 "reference"). The engine diffs each against what it last
// wrote, so an unchanged headcount costs no write, and applies them in the order the needs
// give (sub-accounts before the accounts that use them).
import type { ReferenceInput, ReferencePlan } from '../types.js';
import { SLOTS, type Sage100Settings, type Slot } from './config.js';
import { accountPlans } from './map-accounts.js';
import { segmentValues, type SegmentValue } from './map-values.js';
import { Sage100FlowOptions } from './options.js';

export function planReferences(input: ReferenceInput, s: Sage100Settings): ReferencePlan[] {
  // Already parsed by the config loader; parsing again (idempotent) gives the typed value.
  const options = Sage100FlowOptions.parse(input.flow.options);
  const values = new Map<Slot, SegmentValue[]>();
  const plans: ReferencePlan[] = [];
  for (const slot of SLOTS) {
    const segment = segmentValues(input, s, slot, options.headcount);
    if (!segment) continue;
    values.set(slot, segment.values);
    plans.push(...segment.plans);
  }
  return [...plans, ...accountPlans(input, s, options.accounts, values)];
}
