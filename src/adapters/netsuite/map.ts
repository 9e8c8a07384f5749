// Canonical employee → NetSuite employee body (pure; golden-tested). References are
// `{"id": "<internal id>"}` (erps.md §4.3); a termination is isInactive + releaseDate.
import type { ErpPayload, MapInput } from '../types.js';
import type { NetSuiteSettings } from './config.js';

/** NetSuite's name fields are limited in length; longer BambooHR values are cut, not refused. */
const NAME_MAX = 32;
// Cut by code points (never half a surrogate pair); a string of at most n UTF-16 units has at
// most n code points, so the common case returns at once.
const cut = (s: string | null, n = NAME_MAX) => (s === null || s.length <= n ? s : [...s].slice(0, n).join(''));

export function mapEmployee(input: MapInput, _s: NetSuiteSettings): ErpPayload {
  const { state, refs, fields, kind } = input;
  const inactive = kind === 'deactivate';
  // The legal first name unless the flow asks for preferred names: employee records drive
  // payments, expense reimbursements and tax documents (issue 8 §5).
  const first = input.names === 'preferred' ? (state.preferredName ?? state.firstName) : state.firstName;
  const body: ErpPayload = {
    externalId: input.key,
    firstName: cut(first),
    lastName: cut(state.lastName),
    email: state.workEmail,
    hireDate: state.hireDate,
    releaseDate: inactive ? state.terminationDate : null,
    isInactive: inactive,
  };
  // for…in, not entries(): no [key, value] array per field, once per payload (same order).
  for (const slot in refs) body[slot] = { id: refs[slot]! };
  const supervisor = input.linked.supervisor;
  if (supervisor) body.supervisor = { id: supervisor };
  for (const name in fields) body[name] = fields[name] as string | null;
  return body;
}
