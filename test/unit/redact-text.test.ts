// Redaction of free text (reasons, plan lines, ERP messages) by `audit.redact`, with a canary
// pay value that must not survive in any of the shapes mlc writes reasons in.
import { describe, expect, it } from 'vitest';
import { DEFAULT_REDACT } from '../../src/config/schema.js';
import { redactor } from '../../src/domain/redact-payload.js';

const CANARY = '57.70913';
const r = redactor(DEFAULT_REDACT);

describe('redactText', () => {
  it('masks the value of a labelled pay change and keeps its date', () => {
    expect(r.text(`pay: ${CANARY} GBP on 2026-12-30`)).toBe('pay: [redacted] on 2026-12-30');
    expect(r.text(`job: Legal / EMEA / London, UK / Counsel on 2026-12-06; pay: ${CANARY} USD on 2027-01-17`)).toBe('job: Legal / EMEA / London, UK / Counsel on 2026-12-06; pay: [redacted] on 2027-01-17');
  });

  it('masks quoted JSON keys, key=value pairs and ERP messages that quote a field', () => {
    for (const s of [`{"payRate":${CANARY},"firstName":"Ana"}`, `{"payRate": "${CANARY}"}`, `payRate=${CANARY}&since=x`, `NetSuite PUT employee eid:bhr-1: INVALID_FLD_VALUE: payRate: ${CANARY} is invalid`, `compensation: ${CANARY} USD per Hour`]) {
      const out = r.text(s);
      expect(out, s).not.toContain(CANARY);
      expect(out).toContain('[redacted]');
    }
    expect(r.text(`{"payRate":${CANARY},"firstName":"Ana"}`)).toBe('{"payRate":"[redacted]","firstName":"Ana"}');
    expect(JSON.parse(r.text(`{"level":40,"msg":"x","payRate":${CANARY},"rate":{"a":1}}`))).toEqual({ level: 40, msg: 'x', payRate: '[redacted]', rate: { a: 1 } });
  });

  it('leaves other text alone, and is idempotent', () => {
    for (const s of ['department: no lookup for department "Quantum Research" in /tmp/departments.csv', 'status: Terminated on 2026-12-02', 'hire on 2027-01-04', 'BambooHR answered: Over rate limit, please try again']) expect(r.text(s)).toBe(s);
    const once = r.text(`pay: ${CANARY} GBP on 2026-12-30`);
    expect(r.text(once)).toBe(once);
    expect(redactor([]).text(`pay: ${CANARY} GBP`)).toBe(`pay: ${CANARY} GBP`);
  });
});
