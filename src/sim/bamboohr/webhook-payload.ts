// Webhook bodies and signatures (reference §4.3, §4.4).
import { createHmac } from 'node:crypto';
import type { CompanyEvent } from './company.js';
import { formatTimestamp } from './dates.js';
import { findField } from './fields.js';

/**
 * `X-BambooHR-Signature`: lowercase hex HMAC-SHA256, key = the private key's ASCII bytes,
 * message = raw body bytes followed by the timestamp string, no separator (reference §4.3).
 */
export function signWebhook(privateKey: string, body: string | Buffer, timestamp: string): string {
  return createHmac('sha256', Buffer.from(privateKey, 'ascii'))
    .update(Buffer.concat([Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), Buffer.from(timestamp, 'utf8')]))
    .digest('hex');
}

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/** Event-based payload: `{"type","timestamp","data":{companyId, employeeId, changedFields?}}`. */
export function eventPayload(event: CompanyEvent, companyId: string, changedFields: string[]): Plain {
  const data: Record<string, Plain> = { companyId, employeeId: String(event.employeeId) };
  if (event.kind === 'updated') data['changedFields'] = changedFields;
  return { type: `employee.${event.kind}`, timestamp: formatTimestamp(event.at, '+0000'), data };
}

/**
 * Legacy field-based payload. Created/deleted carry empty `changedFields`/`fields`; PHP encodes
 * an empty map as `[]`, which is what arrives (reference §4.4, §3.1).
 */
export function legacyPayload(event: CompanyEvent, changedFields: string[], fields: Record<string, string>): Plain {
  const action = event.kind === 'created' ? 'Created' : event.kind === 'deleted' ? 'Deleted' : 'Updated';
  const names = changedFields.map((alias) => findField(alias)?.name ?? alias);
  const fieldMap: Plain = Object.keys(fields).length > 0 ? fields : [];
  return { employees: [{ action, changedFields: names, fields: fieldMap, id: String(event.employeeId), timestamp: formatTimestamp(event.at, '+0000') }] };
}

/** PHP http_build_query shape: `data[changedFields][0]=firstName` (reference §4.4 form posts). */
export function formEncode(value: Plain, prefix = ''): string {
  const parts: string[] = [];
  const walk = (v: Plain, key: string): void => {
    if (v === null) return;
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${key}[${i}]`));
    else if (typeof v === 'object') for (const [k, inner] of Object.entries(v)) walk(inner, key ? `${key}[${k}]` : k);
    else parts.push(`${encodeURIComponent(key).replace(/%20/g, '+')}=${encodeURIComponent(String(v)).replace(/%20/g, '+')}`);
  };
  walk(value, prefix);
  return parts.join('&');
}

/** Legacy form posts key employees by id: `employees[123][changedFields][0]=First+name`. */
export function legacyFormShape(payload: Plain): Plain {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  const list = payload['employees'];
  if (!Array.isArray(list)) return payload;
  const byId: Record<string, Plain> = {};
  for (const item of list) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    const { id, fields, ...rest } = item;
    const flat: Record<string, Plain> = { ...rest };
    if (fields && typeof fields === 'object' && !Array.isArray(fields)) Object.assign(flat, fields);
    byId[String(id)] = flat;
  }
  return { employees: byId };
}

export type { Plain };
