// The journal flow kind (DESIGN §8 "postings"): a flow whose `options:` say `kind: journal`
// posts each period's compensation cost as one GL journal instead of syncing people. Its
// settings live under the flow's `options:` (parsed by the target's flowOptions, so config
// errors carry line numbers); the flow's own `references:` (lookups inline or in CSV files)
// say which department and location segments a person's cost goes to, and its `filter:`
// which people-days count. `mlc sync` leaves journal flows alone; `mlc journal` runs them.
import { z } from 'zod';
import type { FlowSettings } from '../../config/types.js';

const Currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD');
const Template = (what: string) => z.string().min(1).regex(/^([^{}]|\{[A-Za-z][A-Za-z0-9_.]*\})+$/, `${what}: text and {placeholders}`);

export const JournalRates = z
  .strictObject({
    hoursPerYear: z.number().positive().max(8784).default(2080).describe('Standard hours a year: an hourly rate costs rate × hoursPerYear / 12 a full month.'),
    daysPerYear: z.number().positive().max(366).default(260).describe('Working days a year, for daily rates.'),
    weeksPerYear: z.number().positive().max(53).default(52).describe('Weeks a year, for weekly rates.'),
    payPeriodsPerYear: z.number().positive().max(366).optional().describe('For rates "per Pay Period": how many pay periods a year (no default: such a rate is refused without it).'),
  })
  .describe('How a rate becomes a monthly cost: rate × (its periods per year) / 12, then prorated by day.');

export const JournalOptions = z
  .strictObject({
    kind: z.literal('journal'),
    account: Template('account').default('{department}-6100-{location}').describe("GL account of a person's cost: {slot} is the ERP value the flow's references give (e.g. {department}-6100-{location})."),
    costCenter: Template('costCenter').nullable().default('{department}').describe('Cost centre each line carries ({slot} as above), or null for none.'),
    offsetAccount: z.string().min(1).describe('The balancing account credited with the total (accrued salaries and wages, e.g. 000-2105-00).'),
    reference: Template('reference').default('MLC {FLOW} {period}').describe('The journal reference a later run looks for ({flow}, {FLOW} in capitals, {period}, {yyyymm}).'),
    description: Template('description').default('BambooHR compensation {period}').describe('Journal description.'),
    lineDescription: Template('lineDescription').default('{department.name} / {location.name}').describe('Line description: {slot} the ERP value, {slot.name} the BambooHR value; with lines: employee also {employee}.'),
    lines: z.enum(['allocation', 'employee']).default('allocation').describe('allocation: one line per account and cost centre (department/location totals, never one person\'s pay); employee: one line per person and allocation.'),
    date: z.enum(['last-day', 'first-day']).default('last-day').describe('Transaction date within the period.'),
    proration: z.enum(['calendar-days', 'working-days']).default('calendar-days').describe('A month\'s cost is shared over its calendar days, or over Monday–Friday only.'),
    terminationDate: z.enum(['worked', 'not-worked']).default('worked').describe("Whether BambooHR's termination date is a paid day (worked: it is the last day of employment)."),
    currency: Currency.default('USD').describe('The currency of the ERP company (amounts in other currencies are converted by exchangeRates).'),
    exchangeRates: z.record(Currency, z.number().positive()).default({}).describe('Units of `currency` per unit of another currency, e.g. { EUR: 1.08 }; pay in a currency missing here holds the journal.'),
    rates: JournalRates.default({ hoursPerYear: 2080, daysPerYear: 260, weeksPerYear: 52 }),
  })
  .describe('A journal flow: each period\'s compensation cost as one GL journal (mlc journal).');

export type JournalOptions = z.infer<typeof JournalOptions>;

/** A journal flow (posted by `mlc journal`), not a people flow (`mlc sync`). */
export function isJournalFlow(flow: Pick<FlowSettings, 'options'>): boolean {
  return flow.options.kind === 'journal';
}

/** A journal flow's settings (parsed once by the config loader: defaults are filled in). */
export function journalOptions(flow: FlowSettings): JournalOptions {
  return JournalOptions.parse(flow.options);
}
