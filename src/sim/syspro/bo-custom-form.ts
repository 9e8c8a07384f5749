// COMSFM "Custom Form Setup" (SetupCustomForm): one value per item, keyed by FormType,
// KeyField (the master record's code) and FieldName, carried in AlphaValue, NumericValue or
// DateValue by the field's type (erps.md §1.4, SYSPRO's sample in §8 C.1). mlc keeps the
// employment status and termination date of a labour employee here. An empty value element
// clears the value (so a rehire can blank a termination date; assumption).
import { ItemErrors, type ItemError } from './errors.js';
import { num, text, withLengths, type FieldSpec } from './fields.js';
import type { SetupSpec } from './setup.js';
import type { Tx } from './tables.js';
import type { CustomFieldType, CustomFormDefinition, SysproRow } from './types.js';

const VALUE_ELEMENT: Record<CustomFieldType, string> = { A: 'AlphaValue', N: 'NumericValue', D: 'DateValue' };

const KEY_TABLE: Record<NonNullable<CustomFormDefinition['keyTable']>, { table: 'employees' | 'costCentres' | 'workCentres'; entity: string }> = {
  employee: { table: 'employees', entity: 'Employee' },
  costCentre: { table: 'costCentres', entity: 'Cost centre' },
  workCentre: { table: 'workCentres', entity: 'Work centre' },
};

function checkValue(tx: Tx, row: SysproRow, provided: ReadonlySet<string>): ItemError | undefined {
  const formType = String(row['FormType']);
  const form = tx.forms.get(formType);
  if (!form) return ItemErrors.formTypeUnknown('FormType', formType);
  const fieldName = String(row['FieldName']);
  const field = form.fields.find((f) => f.fieldName === fieldName);
  if (!field) return ItemErrors.formFieldUnknown('FieldName', fieldName, formType);
  if (form.keyTable) {
    const master = KEY_TABLE[form.keyTable];
    const keyField = String(row['KeyField']);
    if (!tx[master.table].get(keyField)) return ItemErrors.notFound('KeyField', keyField, master.entity);
  }
  const expected = VALUE_ELEMENT[field.type];
  for (const element of provided) {
    if (element !== expected) return ItemErrors.wrongValueType(element, String(row[element] ?? ''), fieldName, field.type);
  }
  const alpha = String(row['AlphaValue'] ?? '');
  if (field.maxLength !== undefined && alpha.length > field.maxLength) return ItemErrors.tooLong('AlphaValue', alpha, field.maxLength);
  return undefined;
}

export function customFormSpec(lengths: Readonly<Record<string, number>>): SetupSpec {
  const fields: FieldSpec[] = withLengths([text('AlphaValue'), num('NumericValue'), { name: 'DateValue', kind: 'date' }], lengths);
  return {
    code: 'COMSFM',
    root: 'SetupCustomForm',
    entity: 'Custom form field',
    table: 'formValues',
    keys: withLengths([text('FormType'), text('KeyField'), text('FieldName')], lengths),
    fields,
    ignoreWarningsDefault: false,
    emptyClears: true,
    defaults: () => ({ AlphaValue: '', NumericValue: 0, DateValue: '' }),
    check: checkValue,
  };
}
