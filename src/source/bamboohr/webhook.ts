// BambooHR webhook deliveries (reference/bamboohr.md §4), pure functions only.
// Signature: lowercase hex HMAC-SHA256, key = the webhook's private key as ASCII, message =
// the raw body bytes followed by the X-BambooHR-Timestamp value, no separator (verified
// against the fusebit test vector; a Stripe-style "timestamp.body" does not match). The
// payload only names employees: it is a signal to re-read, never the data.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function sign(key: string, rawBody: Buffer, timestamp: string): string {
  return createHmac('sha256', key).update(rawBody).update(timestamp).digest('hex');
}

/** Constant-time comparison, and nothing parsed before it. */
export function verifySignature(key: string, rawBody: Buffer, timestamp: string, given: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(given)) return false;
  const expected = Buffer.from(sign(key, rawBody, timestamp), 'hex');
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}

/** Epoch seconds (the observed form), epoch milliseconds, or an ISO date-time. */
export function timestampMs(ts: string): number | undefined {
  const t = ts.trim();
  if (/^\d{9,11}$/.test(t)) return Number(t) * 1000;
  if (/^\d{12,14}$/.test(t)) return Number(t);
  // "2026-01-31T18:42:00+0000": Date.parse needs the offset as +00:00
  const iso = t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const p = Date.parse(iso);
  return /^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(p) ? p : undefined;
}

export interface WebhookHint {
  employeeId: string;
  event: string;
}

const ID = /^[0-9A-Za-z_-]{1,32}$/;

function legacyEvent(action: unknown): string {
  const a = typeof action === 'string' ? action.toLowerCase() : 'updated';
  return `employee_with_fields.${a === 'created' || a === 'inserted' ? 'created' : a === 'deleted' ? 'deleted' : 'updated'}`;
}

function fromJson(doc: unknown): WebhookHint[] | undefined {
  if (!doc || typeof doc !== 'object') return undefined;
  const d = doc as { type?: unknown; data?: { employeeId?: unknown }; employees?: unknown };
  // Event-based: {"type":"employee.updated","timestamp":…,"data":{"employeeId":"67890",…}}
  if (typeof d.type === 'string' && d.data && (typeof d.data.employeeId === 'string' || typeof d.data.employeeId === 'number')) {
    return [{ employeeId: String(d.data.employeeId), event: d.type }];
  }
  // Field-based (legacy): {"employees":[{"id":"12345","action":"Updated",…}]}, several per delivery.
  if (Array.isArray(d.employees)) {
    return d.employees
      .filter((e): e is { id: unknown; action?: unknown } => !!e && typeof e === 'object' && 'id' in e)
      .map((e) => ({ employeeId: String(e.id), event: legacyEvent(e.action) }));
  }
  return undefined;
}

function fromForm(text: string): WebhookHint[] | undefined {
  const form = new URLSearchParams(text);
  const type = form.get('type');
  const id = form.get('data[employeeId]');
  if (type && id) return [{ employeeId: id, event: type }];
  // employees[12345][changedFields][0]=First+name&employees[12345][First+name]=John
  const ids = new Map<string, string>();
  for (const key of form.keys()) {
    const m = /^employees\[([^\]]+)\]/.exec(key);
    if (m) ids.set(m[1]!, legacyEvent(form.get(`employees[${m[1]}][action]`)));
  }
  return ids.size ? [...ids].map(([employeeId, event]) => ({ employeeId, event })) : undefined;
}

/** Employee ids named by a delivery (JSON or form-encoded, either family), or an error text. */
export function parseDelivery(body: Buffer, contentType: string): WebhookHint[] | string {
  const text = body.toString('utf8');
  let hints: WebhookHint[] | undefined;
  if (/application\/x-www-form-urlencoded/i.test(contentType)) hints = fromForm(text);
  else {
    try {
      hints = fromJson(JSON.parse(text) as unknown);
    } catch {
      return 'the body is not JSON';
    }
  }
  if (!hints || hints.length === 0) return 'no employee named in the delivery';
  const bad = hints.find((h) => !ID.test(h.employeeId));
  return bad ? `not an employee id: ${JSON.stringify(bad.employeeId.slice(0, 40))}` : hints;
}
