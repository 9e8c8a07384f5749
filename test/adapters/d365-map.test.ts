// Golden tests of the D365 adapter's pure parts: canonical employee → VendorsV2 payload,
// BambooHR list values → FinancialDimensionValues records, display values in the format's
// order, Infolog summaries, and the $batch body and answer.
import { describe, expect, it } from 'vitest';
import { batchBody, parseBatchAnswer } from '../../src/adapters/d365/batch.js';
import { d365Spec, type D365Settings } from '../../src/adapters/d365/config.js';
import { displayValue, sameDisplay } from '../../src/adapters/d365/display.js';
import { classifyWrite, infologSummary } from '../../src/adapters/d365/errors.js';
import { mapEmployee, planReferences } from '../../src/adapters/d365/map.js';
import type { MapInput, SourceListValue } from '../../src/adapters/types.js';
import type { FlowSettings } from '../../src/config/types.js';
import { employeeStateAsOf } from '../../src/domain/employee.js';

const s: D365Settings = d365Spec.normalize(d365Spec.schema.parse({ type: 'd365', tenant: 'contoso.onmicrosoft.com', environment: 'https://contoso.operations.dynamics.com/', clientId: 'app', paymentTerms: 'Net30' }), 'd365');
const state = employeeStateAsOf({ id: '42', fields: { firstName: 'Ana', preferredName: 'Annie', lastName: 'Ruiz', workEmail: 'ana@acme.example', status: 'Active', hireDate: '2020-01-06', department: 'Sales' }, rows: [] }, '2026-11-23');
const input = (over: Partial<MapInput> = {}): MapInput => ({
  kind: 'create', state, key: 'EMP-42', refs: { vendorGroup: 'EMPL', Department: '020', BusinessUnit: '001' }, fields: { PrimaryPhoneNumber: '555-0100', Notes: null }, linked: {}, names: 'legal', options: { dataAreaId: 'usmf' }, ...over,
});
const FORMAT = { dimensions: ['CostCenter', 'Department', 'BusinessUnit', 'Location', 'ItemGroup'], delimiter: '-' };

describe('D365 settings', () => {
  it('derives the token URL, the scope (no trailing slash) and the key pattern', () => {
    expect(s.tokenUrl).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
    expect(s.scope).toBe('https://contoso.operations.dynamics.com/.default');
    expect(s.baseUrl).toBe('https://contoso.operations.dynamics.com');
    expect(d365Spec.naturalKey('42', s)).toBe('EMP-42');
    expect(d365Spec.naturalKey('42', { ...s, accountPattern: 'E{id:6}' })).toBe('E000042');
    expect(d365Spec.flowOptions!.parse({ dataAreaId: 'USMF' })).toEqual({ dataAreaId: 'usmf' });
    expect(d365Spec.flowOptions!.safeParse({}).success).toBe(false);
    expect(d365Spec.schema.safeParse({ type: 'd365', tenant: 't', environment: 'https://e', clientId: 'c', dimensionFormat: { dimensions: ['A'], delimiter: 'Period' } }).data).toMatchObject({ dimensionFormat: { delimiter: '.' } });
  });

  it('has a slot for any dimension name, the vendor group required; fields mlc sets are not mappable', () => {
    expect(d365Spec.slots.vendorGroup).toMatchObject({ recordType: 'VendorGroups', required: true });
    expect(d365Spec.slots.Region).toMatchObject({ recordType: 'dimension Region', provisionable: true, listing: 'partial' });
    expect(d365Spec.slots['not a name']).toBeUndefined();
    expect(Object.keys(d365Spec.slots)).toEqual(['vendorGroup', 'CostCenter', 'Department', 'BusinessUnit', 'Location', 'ItemGroup']);
    expect([d365Spec.fieldAllowed('PrimaryPhoneNumber'), d365Spec.fieldAllowed('OnHoldStatus'), d365Spec.fieldAllowed('x y')]).toEqual([true, false, false]);
  });
});

describe('mapEmployee', () => {
  it('maps an employee to a Person vendor with legal names, the flow legal entity and its dimensions', () => {
    expect(mapEmployee(input(), s)).toStrictEqual({
      dataAreaId: 'usmf', VendorAccountNumber: 'EMP-42', VendorPartyType: 'Person', PersonFirstName: 'Ana', PersonLastName: 'Ruiz', PrimaryEmailAddress: 'ana@acme.example',
      OnHoldStatus: 'No', VendorGroupId: 'EMPL', DefaultPaymentTermsName: 'Net30', PrimaryPhoneNumber: '555-0100', Notes: '', $dimensions: { Department: '020', BusinessUnit: '001' },
    });
  });

  it('puts a termination on hold (configurable), takes preferred names and per-flow overrides when asked', () => {
    const off = mapEmployee(input({ kind: 'deactivate', names: 'preferred', options: { dataAreaId: 'gbsi', currency: 'GBP', paymentMethod: 'WIRE' } }), { ...s, onHold: 'Payment' });
    expect(off).toMatchObject({ dataAreaId: 'gbsi', OnHoldStatus: 'Payment', PersonFirstName: 'Annie', CurrencyCode: 'GBP', DefaultVendorPaymentMethodName: 'WIRE' });
  });

  it('leaves out what the engine could not map (a termination with an unmapped department keeps its segment)', () => {
    const p = mapEmployee(input({ kind: 'deactivate', refs: { vendorGroup: 'EMPL' } }), s);
    expect(p).not.toHaveProperty('$dimensions');
  });
});

describe('planReferences', () => {
  const option = (id: string, name: string, archived = false): SourceListValue => ({ id, name, archived, headcount: 1 });
  const flow = (deactivate: boolean): FlowSettings => ({
    name: 'employees', target: 'd365', filter: {}, unmapped: 'park', fields: {}, names: 'legal', options: { dataAreaId: 'usmf' },
    references: {
      vendorGroup: { kind: 'value', value: 'EMPL' },
      Department: { kind: 'lookup', from: 'department', table: { source: 'x.csv', map: new Map([['Sales', '020']]) }, provision: { code: 'D{id:3}', deactivate } },
      BusinessUnit: { kind: 'lookup', from: 'division', table: { source: 'inline', map: new Map() } },
    },
  });
  const lists = { department: [option('17', 'Sales'), option('18', 'Quantum Research'), option('19', 'Old Lab', true), option('20', 'Closed Lab', true)], division: [option('4', 'EMEA')] };

  it('plans a value per unmapped option of a provisioned dimension, keeps linked codes, suspends archived ones if asked', () => {
    const linked = (k: string) => ({ 'Department#20': 'D020', 'Department#18': 'QR1' })[k] ?? null;
    expect(planReferences({ flow: flow(true), lists, linked }, s)).toStrictEqual([
      {
        type: 'dimensionValue', sourceKey: 'Department#18', key: 'QR1', label: 'dimension value Department/QR1', deactivate: false, needs: [],
        payload: { FinancialDimension: 'Department', LegalEntityId: '', DimensionValue: 'QR1', Description: 'Quantum Research' },
        provides: { slot: 'Department', value: 'Quantum Research', id: 'QR1' },
      },
      {
        type: 'dimensionValue', sourceKey: 'Department#20', key: 'D020', label: 'dimension value Department/D020', deactivate: true, needs: [],
        payload: { FinancialDimension: 'Department', LegalEntityId: '', DimensionValue: 'D020', Description: 'Closed Lab' },
      },
    ]);
    const fresh = planReferences({ flow: flow(false), lists, linked: () => null }, s);
    expect(fresh.map((p) => [p.key, p.deactivate])).toEqual([['D018', false]]);
  });
});

describe('display values', () => {
  it('orders values by the format, blanks the rest, keeps the segments the flow does not map', () => {
    expect(displayValue(FORMAT, { Department: '022', BusinessUnit: '001' }, null)).toEqual({ ok: true, value: '-022-001--' });
    expect(displayValue(FORMAT, { department: '030' }, 'CC1-022-001-DEN-')).toEqual({ ok: true, value: 'CC1-030-001-DEN-' });
    expect(displayValue({ dimensions: ['Department', 'BusinessUnit'], delimiter: '~~' }, { BusinessUnit: '002' }, '')).toEqual({ ok: true, value: '~~002' });
    expect(displayValue(FORMAT, { Region: 'W' }, null)).toEqual({ ok: false, unknown: ['Region'] });
    expect(displayValue(FORMAT, {}, null)).toEqual({ ok: true, value: '' });
    expect(sameDisplay(FORMAT, '-022-001', '-022-001--')).toBe(true);
  });
});

describe('errors', () => {
  const body = (status: number, inner: string) => JSON.stringify({ error: { code: '', message: 'An error has occurred.', innererror: { message: inner, type: 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException', stacktrace: '…' } } });

  it('summarises the Infolog the way D365 clients do: levels and noise dropped, de-duplicated', () => {
    const text = "Write failed for table row of type 'VendVendorV2Entity'. Infolog: Warning: The value 'X' in field 'Vendor group' is not found in the related table 'Vendor groups'.; Warning: validateField failed on field 'VendVendorV2Entity.VendorGroupId'.; Warning: The value 'X' in field 'Vendor group' is not found in the related table 'Vendor groups'.";
    expect(infologSummary(text)).toBe("The value 'X' in field 'Vendor group' is not found in the related table 'Vendor groups'.");
  });

  it('classifies by the body, not the status: 400 or 500 with a write exception is a rejection', () => {
    for (const status of [400, 500]) {
      const v = classifyWrite(status, body(status, "Write failed for table row of type 'VendVendorV2Entity'. Infolog: Error: Value '999' for dimension 'Department' does not exist."), 'PATCH', 'vendor EMP-1 in usmf');
      expect(v.kind === 'error' && [v.error.code, v.error.message]).toEqual(['record_rejected', "D365 refused vendor EMP-1 in usmf: Value '999' for dimension 'Department' does not exist."]);
      expect(v.kind === 'error' && v.error.hint).toMatch(/unknown rather than invalid/);
    }
    expect(classifyWrite(400, body(400, 'Infolog: Info: Cannot create a record in Vendors (VendTable). Vendor account: EMP-1.\nThe record already exists..'), 'POST', 'v').kind).toBe('duplicate');
    expect(classifyWrite(404, JSON.stringify({ error: { code: '', message: "Resource not found for the segment 'VendorsV2'." } }), 'PATCH', 'v').kind).toBe('missing');
    expect(classifyWrite(412, '', 'PATCH', 'v').kind).toBe('conflict');
    const plain = classifyWrite(500, JSON.stringify({ error: { code: '', message: 'An error has occurred.' } }), 'POST', 'v');
    expect(plain.kind === 'error' && plain.error.code).toBe('record_failed');
    const gateway = classifyWrite(502, '<html><body>502 Bad Gateway</body></html>', 'POST', 'v');
    expect(gateway.kind === 'error' && gateway.error.code).toBe('record_failed');
  });
});

describe('$batch', () => {
  it('writes one changeset per write and reads every part of the answer, changesets flattened', () => {
    const { contentType, body } = batchBody([{ method: 'POST', url: 'https://e/data/VendorsV2', body: { a: 1 } }, { method: 'GET', url: 'https://e/data/VendorGroups' }], 'X');
    expect(contentType).toBe('multipart/mixed; boundary=batch_X');
    expect(body).toBe([
      '--batch_X', 'Content-Type: multipart/mixed; boundary=changeset_X_1', '', '--changeset_X_1', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', 'Content-ID: 1', '',
      'POST https://e/data/VendorsV2 HTTP/1.1', 'Accept: application/json', 'OData-Version: 4.0', 'Content-Type: application/json; odata.metadata=minimal', 'Prefer: return=minimal', '', '{"a":1}', '--changeset_X_1--',
      '--batch_X', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', 'Content-ID: 2', '', 'GET https://e/data/VendorGroups HTTP/1.1', 'Accept: application/json', 'OData-Version: 4.0', '', '',
      '--batch_X--', '',
    ].join('\r\n'));
    const answer = [
      '--batchresponse_1', 'Content-Type: multipart/mixed; boundary=changesetresponse_2', '', '--changesetresponse_2', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', 'Content-ID: 1', '',
      'HTTP/1.1 500 Internal Server Error', 'Content-Type: application/json', '', '{"error":{"message":"--not a boundary--"}}', '--changesetresponse_2--',
      '--batchresponse_1', 'Content-Type: application/http', 'Content-ID: 2', '', 'HTTP/1.1 200 OK', 'OData-Version: 4.0', '', '{"value":[]}', '--batchresponse_1--', '',
    ].join('\r\n');
    expect(parseBatchAnswer('multipart/mixed; boundary=batchresponse_1', answer)).toEqual([
      { contentId: '1', status: 500, text: '{"error":{"message":"--not a boundary--"}}' },
      { contentId: '2', status: 200, text: '{"value":[]}' },
    ]);
  });
});
