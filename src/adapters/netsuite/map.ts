// Canonical employee → NetSuite employee body (pure; golden-tested). References are
// `{"id": "<internal id>"}` (erps.md §4.3); a termination is isInactive + releaseDate.
import type { ErpPayload, MapInput } from '../types.js';
import type { NetSuiteSettings } from './config.js';

/** NetSuite's name fields are limited in length; longer BambooHR values are cut, not refused. */
const NAME_MAX = 32;
const cut = (s: string | null, n = NAME_MAX) => (s === null ? null : [...s].slice(0, n).join(''));

export function mapEmployee(input: MapInput, _s: NetSuiteSettings): ErpPayload {
  const { state, refs, fields, kind } = input;
  const inactive = kind === 'deactivate';
  const body: ErpPayload = {
    externalId: input.key,
    firstName: cut(state.preferredName ?? state.firstName),
    lastName: cut(state.lastName),
    email: state.workEmail,
    hireDate: state.hireDate,
    releaseDate: inactive ? state.terminationDate : null,
    isInactive: inactive,
  };
  for (const [slot, id] of Object.entries(refs)) body[slot] = { id };
  if (input.supervisorKey) body.supervisor = { id: input.supervisorKey };
  for (const [name, value] of Object.entries(fields)) body[name] = value;
  return body;
}
