// Personal data for generated employees. birthDate and homeEmail are included on purpose:
// they are personal data the sync must redact (DESIGN §3 invariant 8).
import { FIRST_NAMES, LAST_NAMES, SPECIAL_NAMES } from './catalog.js';
import { dayToIso } from './dates.js';
import type { Rng } from '../common/prng.js';

export interface GeneratedName {
  firstName: string;
  lastName: string;
  middleName: string | null;
  preferredName: string | null;
  workEmail: string;
  homeEmail: string;
  birthDate: string;
}

/** Letters a-z only, accents folded; empty for scripts with no Latin form. */
const emailParts = new Map<string, string>();

function emailPart(name: string): string {
  let part = emailParts.get(name);
  if (part === undefined) {
    part = foldToAscii(name);
    emailParts.set(name, part);
  }
  return part;
}

function foldToAscii(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0141\u0142]/g, 'l')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

export function nameFor(d: { index: number; hireDay: number; employeeNumber?: string }, rng: Rng, emails: Set<string>): GeneratedName {
  const special = d.index >= 1 ? SPECIAL_NAMES[d.index - 1] : undefined;
  const firstName = special?.firstName ?? rng.pick(FIRST_NAMES);
  const lastName = special?.lastName ?? rng.pick(LAST_NAMES);
  const preferredName = special ? (special.preferredName ?? null) : rng.chance(0.05) && firstName.length > 4 ? firstName.slice(0, 3) : null;
  const middleName = rng.chance(0.2) ? rng.pick(FIRST_NAMES) : null;
  const first = emailPart(firstName);
  const last = emailPart(lastName);
  let local = first && last ? `${first}.${last}` : `employee${d.employeeNumber ?? d.index}`;
  if (emails.has(local)) local = `${local}${d.employeeNumber ?? d.index}`;
  emails.add(local);
  // Born 20..60 years before hire, so ages stay plausible over the ten-year hiring window.
  const birthDate = dayToIso(d.hireDay - rng.int(20 * 365, 60 * 365));
  return {
    firstName,
    lastName,
    middleName,
    preferredName,
    workEmail: `${local}@acme.example.com`,
    homeEmail: `${first || 'person'}${rng.int(10, 9999)}@mail.example.net`,
    birthDate,
  };
}
