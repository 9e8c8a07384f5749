// Read-only reference resources the journal is validated against: GL accounts (active or
// not, erps.md §8 B.3 GLAccountCriteriaBase: ModifiedDate, IsActive), cost centres (values of
// the department segment) and fiscal periods, open or closed per series. None is a stock SBA
// object (§8 B.1): they are partner services, so path and shape are assumptions. GP users
// change them in GP (here: the control API); SBA only reads them.
import { filterFor, type Filterable } from './filter.js';
import { GpError, payloadResponse } from './http.js';
import type { ResourceDef, ResourceHandlers } from './resource.js';
import type { GpCompanyStore } from './store.js';
import type { Table } from './table.js';
import type { GpAccount, GpCostCenter, GpFiscalPeriod } from './types.js';

function readOnly<T>(noun: string, table: (s: GpCompanyStore) => Table<T>, filterable: Filterable<T>, key = (k: string[]) => k.join(';')): ResourceHandlers {
  return {
    list: (c) => payloadResponse(200, table(c.store).all().filter(filterFor(c.req.query, filterable)), c.format),
    get: (c, k) => {
      const row = table(c.store).get(key(k));
      if (!row) throw new GpError(404, 'NotFound', `The ${noun} '${k.join(';')}' does not exist.`);
      return payloadResponse(200, row, c.format);
    },
  };
}

export const accountsResource: ResourceDef = {
  name: 'accounts',
  defaultPath: 'Custom/Financials/GLAccounts',
  defaultEnabled: true,
  keyTemplate: '{AccountNumber}',
  keyArity: 1,
  noun: 'GL accounts',
  origin: 'partner',
  handlers: readOnly<GpAccount>('GL account', (s) => s.accounts, {
    ModifiedDate: { type: 'datetime', get: (a) => a.ModifiedDate },
    IsActive: { type: 'boolean', get: (a) => a.IsActive },
    AccountNumber: { type: 'string', get: (a) => a.AccountNumber },
  }),
};

export const costCentersResource: ResourceDef = {
  name: 'costCenters',
  defaultPath: 'Custom/Financials/CostCenters',
  defaultEnabled: true,
  keyTemplate: '{CostCenterId}',
  keyArity: 1,
  noun: 'cost centers',
  origin: 'partner',
  handlers: readOnly<GpCostCenter>('cost center', (s) => s.costCenters, {
    ModifiedDate: { type: 'datetime', get: (c) => c.ModifiedDate },
    IsActive: { type: 'boolean', get: (c) => c.IsActive },
  }),
};

const periodKey = (k: string[]): string => k.map((p) => (/^\d+$/.test(p) ? String(Number(p)) : p)).join(';');

export const periodsResource: ResourceDef = {
  name: 'periods',
  defaultPath: 'Custom/Financials/FiscalPeriods',
  defaultEnabled: true,
  keyTemplate: '{Year};{PeriodId}',
  keyArity: 2,
  noun: 'fiscal periods',
  origin: 'partner',
  handlers: readOnly<GpFiscalPeriod>(
    'fiscal period',
    (s) => s.periods,
    {
      ModifiedDate: { type: 'datetime', get: (p) => p.ModifiedDate },
      Year: { type: 'number', get: (p) => p.Year },
      PeriodId: { type: 'number', get: (p) => p.PeriodId },
    },
    periodKey,
  ),
};
