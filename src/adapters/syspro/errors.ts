// SYSPRO's errors, classified into mlc's codes. e.net answers HTTP 200 to nearly everything
// (erps.md §1.3): a logon refusal is an `ERROR: …` text (exit 4), `e.net exception 100000` an
// unlicensed or unknown business object (a setup problem: exit 2, never retried), a business
// error sits inside the item it concerns (the record parks with SYSPRO's words). What arrives
// as HTTP is the web stack's own: 414 from http.sys for a long URL, 404 from WCF for a wrong
// path, 500 from WCF when the service failed on a document (that document's records stay open).
import { MlcError } from '../../domain/errors.js';
import { scrub } from '../../log/redact.js';
import type { SysproSettings } from './config.js';

/** e.net's document-level failure: a text body starting with ERROR (§1.3; rectella checks the prefix). */
export const isEnetError = (body: string): boolean => /^\s*ERROR/i.test(body);

/** Business object not licensed or unknown (§1.3); rectella sees "ERROR: e.net exception raised: 100000". */
export const isNotLicensed = (body: string): boolean => /exception[^0-9]{0,20}100000\b/i.test(body);

export function notLicensed(s: SysproSettings, businessObject: string, body: string): MlcError {
  return new MlcError('config_invalid', `SYSPRO refused business object ${businessObject} of target "${s.name}": ${scrub(body.trim())}`, {
    hint: `e.net exception 100000: the business object is not licensed for e.net or not known to this SYSPRO. Check the e.net licence (SYSPRO Setup > Licence, e.net business objects) and the business object names under targets.${s.name}`,
    details: { businessObject },
  });
}

export function logonRefused(s: SysproSettings, body: string): MlcError {
  return new MlcError('auth_refused', `SYSPRO refused the logon of operator ${s.operator} to company ${s.companyId}: ${scrub(body.trim())}`, {
    hint: `check targets.${s.name}.operator and companyId and the secrets ${s.name}.operator_password and ${s.name}.company_password; the operator needs e.net access and a free e.net licence`,
  });
}

/** An HTTP status e.net itself never sends: the web stack in front of it (or a wrong URL). */
export function httpError(s: SysproSettings, status: number, what: string): MlcError {
  if (status === 404) {
    return new MlcError('config_invalid', `SYSPRO answered 404 to ${what}: no e.net REST service at ${s.baseUrl}`, {
      hint: `targets.${s.name}.baseUrl must be the e.net REST address, ending in /SYSPROWCFService/Rest`,
    });
  }
  if (status === 502 || status === 503 || status === 504 || status === 429) {
    return new MlcError('unreachable', `SYSPRO answered HTTP ${status} to ${what} (still, after retries)`, { retryable: true });
  }
  if (status === 401 || status === 403) return new MlcError('auth_refused', `SYSPRO answered HTTP ${status} to ${what}`, { hint: 'a proxy or IIS in front of e.net asks for authentication' });
  return new MlcError('bad_response', `SYSPRO answered HTTP ${status} to ${what}`, { retryable: true });
}

/** A document whose records could not be written this time (WCF's 500, a persistent ERROR text): retried next run. */
export const documentFailed = (why: string): MlcError => new MlcError('record_failed', scrub(why), { retryable: true });

/** SYSPRO refused this record: parked with SYSPRO's words. */
export const recordRejected = (why: string, details?: Record<string, unknown>): MlcError => new MlcError('record_rejected', scrub(why), details ? { details } : {});

/**
 * A query refused even on a fresh session: a table or column SYSPRO does not know is a setup
 * problem (exit 2); any other text (the session lost again, a lock) an outage for this run.
 */
export function queryFailed(s: SysproSettings, table: string, body: string): MlcError {
  const text = `SYSPRO refused the query on table ${table}: ${scrub(body.trim())}`;
  if (!/table|column/i.test(body)) return new MlcError('unreachable', text, { retryable: true });
  return new MlcError('config_invalid', text, { hint: `check the table and column names under targets.${s.name}.tables and the query business object (${s.queryObject})` });
}

export interface ItemMatchers {
  exists: RegExp;
  missing: RegExp;
  locked: RegExp;
}

export function itemMatchers(s: SysproSettings): ItemMatchers {
  return { exists: new RegExp(s.messages.alreadyExists, 'i'), missing: new RegExp(s.messages.notFound, 'i'), locked: new RegExp(s.messages.locked, 'i') };
}
