// BOMSCC "Cost Center Maintenance" (SetupBomCostCentre) and BOMSWC "Work Center Maintenance"
// (SetupBomWorkCentre): elements from SYSPRO's samples and the generated BOMSWCDOC class
// (erps.md §8 C.1). A work centre belongs to a cost centre; neither can be deleted while
// something still points at it (assumption: the wording is NOT FOUND).
import { ItemErrors } from './errors.js';
import { blankRow, flag, num, numbered, text, withLengths, type FieldSpec } from './fields.js';
import type { SetupSpec } from './setup.js';

const RATE_SETS = ['SetUpRate', 'RunTimeRate', 'FixOverRate', 'VarOverRate', 'StartupRate', 'TeardownRate'];
const rates = (): FieldSpec[] => RATE_SETS.flatMap((p) => numbered(p));

export function costCentreSpec(lengths: Readonly<Record<string, number>>): SetupSpec {
  const fields = withLengths(
    [
      text('Description'),
      flag('SubcontractFlag'),
      flag('UseEmployeeRate'),
      text('ProductClass'),
      text('EtCalcMeth'),
      text('TimeUom'),
      text('CapacityUom'),
      flag('UseOvertimeCap'),
      num('OvertimeCapPct'),
      ...rates(),
    ],
    lengths,
  );
  return {
    code: 'BOMSCC',
    root: 'SetupBomCostCentre',
    entity: 'Cost centre',
    table: 'costCentres',
    keys: withLengths([text('CostCentre')], lengths),
    fields,
    ignoreWarningsDefault: false,
    defaults: () => blankRow(fields),
    checkDelete(tx, _row, key) {
      const user = tx.workCentres.find((w) => w['CostCentre'] === key);
      return user ? ItemErrors.inUse('CostCentre', key, 'Cost centre', `work centre '${String(user['WorkCentre'])}'`) : undefined;
    },
  };
}

export function workCentreSpec(lengths: Readonly<Record<string, number>>): SetupSpec {
  const fields = withLengths(
    [text('Description'), text('CostCentre'), text('WipBranch'), text('ShiftCode'), text('SiteCode'), flag('UseEmployeeRate'), ...rates()],
    lengths,
  );
  return {
    code: 'BOMSWC',
    root: 'SetupBomWorkCentre',
    entity: 'Work centre',
    table: 'workCentres',
    keys: withLengths([text('WorkCentre')], lengths),
    fields,
    // BOMSWC's parameters default IgnoreWarnings to Y (§8 C.1).
    ignoreWarningsDefault: true,
    defaults: () => blankRow(fields),
    check(tx, row) {
      const code = String(row['CostCentre'] ?? '');
      if (code === '') return ItemErrors.required('CostCentre');
      return tx.costCentres.get(code) ? undefined : ItemErrors.notFound('CostCentre', code, 'Cost centre');
    },
    checkDelete(tx, _row, key) {
      const user = tx.employees.find((e) => e['WorkCentre'] === key);
      return user ? ItemErrors.inUse('WorkCentre', key, 'Work centre', `employee '${String(user['Employee'])}'`) : undefined;
    },
  };
}
